package probelab.storage.machines;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;
import probelab.storage.db.Writes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The machines runs were measured on ({@code machines}), which one is this database's own ({@code local_machine}),
 * and their names. Every {@code runs.machine_id} has a row here: {@code SampleStore.createRun} and imports add it.
 */
public final class Machines {
    /** What a name may hold: it ends up in series names ("docker @ ci-runner-1") and URLs, so no spaces. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** How many hex digits of a sha256 an id keeps (48 bits: no collision among a team's machines). */
    public static final int ID_HEX_DIGITS = 12;

    private final Database db;

    public Machines(Database db) {
        this.db = db;
    }

    /** A machine with how many runs it measured here, and whether it is this database's own. */
    public record Known(MachineRow machine, long runs, boolean local) {
    }

    /**
     * The id a machine gets from its fingerprint when /etc/machine-id is unreadable: cpu model, cores, memory rounded to
     * GiB (MemTotal moves by a few KiB between kernels), os. Schema 011 computes the same in SQL for older runs.
     */
    public static String fingerprintId(String cpuModel, int cpuCores, long memoryBytes, String os) {
        String text = String.join("|", "fingerprint", cpuModel == null ? "" : cpuModel, Integer.toString(cpuCores),
                Long.toString(Math.round(memoryBytes / 1073741824.0)), os == null ? "" : os);
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, ID_HEX_DIGITS);
    }

    /** Lower-case hex sha256. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Refuses a name the report could not show as it is. */
    public static String checkedName(String name) {
        String n = name == null ? "" : name.strip();
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("invalid machine name '" + name + "': use letters, digits and . _ - "
                    + "(at most 64, starting with a letter or digit)");
        }
        return n;
    }

    /**
     * Makes {@code local} this database's own machine: adds it (its name made unique if another machine has it) or
     * refreshes its fingerprint, and adopts the runs schema 011 gave {@code fingerprintId} (runs from before machine
     * ids, on this same hardware) unless they were imported. Returns the machine as stored, with the name it has.
     */
    public MachineRow registerLocal(MachineRow local, String fingerprintId) {
        ensure(local);
        Writes.update(db, "refresh the local machine", "UPDATE machines SET os = ?, kernel = ?, cpu_model = ?, "
                        + "cpu_cores = ?, memory_bytes = ? WHERE machine_id = ?", local.os(), local.kernel(), local.cpuModel(),
                local.cpuCores(), local.memoryBytes(), local.machineId());
        Writes.update(db, "set the local machine", "DELETE FROM local_machine");
        Writes.update(db, "set the local machine", "INSERT INTO local_machine VALUES (?)", local.machineId());
        if (fingerprintId != null && !fingerprintId.equals(local.machineId())) {
            Writes.update(db, "adopt this machine's older runs",
                    "UPDATE runs SET machine_id = ? WHERE machine_id = ? AND bundle_sha256 IS NULL", local.machineId(), fingerprintId);
            Writes.update(db, "drop an empty machine", "DELETE FROM machines WHERE machine_id = ? AND machine_id NOT IN "
                    + "(SELECT machine_id FROM runs WHERE machine_id IS NOT NULL)", fingerprintId);
        }
        return find(local.machineId()).orElseThrow();
    }

    /** The machine this database's jobs run on, when a writing process registered one. */
    public Optional<MachineRow> local() {
        return Reads.query(db, Reads.NO_TIMEOUT, "read the local machine", """
                SELECT m.machine_id FROM machines m JOIN local_machine l USING (machine_id)""", List.of(),
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty()).flatMap(this::find);
    }

    public Optional<MachineRow> find(String machineId) {
        return Reads.query(db, Reads.NO_TIMEOUT, "read a machine", """
                SELECT machine_id, name, os, kernel, cpu_model, cpu_cores, memory_bytes FROM machines WHERE machine_id = ?""",
                List.of(machineId), rs -> rs.next() ? Optional.of(row(rs)) : Optional.empty());
    }

    /** Every machine, the local one first, then by name. */
    public List<Known> all() {
        return Reads.query(db, Reads.NO_TIMEOUT, "list machines", """
                SELECT machine_id, name, os, kernel, cpu_model, cpu_cores, memory_bytes,
                       (SELECT count(*) FROM runs r WHERE r.machine_id = m.machine_id),
                       machine_id IN (SELECT machine_id FROM local_machine) AS local
                FROM machines m ORDER BY local DESC, name LIMIT 10000""", List.of(), rs -> {
            List<Known> out = new ArrayList<>();
            while (rs.next()) out.add(new Known(row(rs), rs.getLong(8), rs.getBoolean(9)));
            return out;
        });
    }

    /** Names a machine; refused when the name is malformed or another machine has it. */
    public MachineRow rename(String machineId, String name) {
        String n = checkedName(name);
        MachineRow m = find(machineId).orElseThrow(() -> new IllegalArgumentException("unknown machine " + machineId));
        if (m.name().equals(n)) return m;
        List<String> taken = all().stream().map(k -> k.machine().name()).toList();
        if (taken.contains(n)) {
            throw new IllegalArgumentException("another machine is already named '" + n + "'; names in use: "
                    + String.join(", ", taken));
        }
        Writes.update(db, "rename a machine", "UPDATE machines SET name = ? WHERE machine_id = ?", n, machineId);
        return find(machineId).orElseThrow();
    }

    /** Adds a machine unless its id is known; a name another machine has gets the id's first digits appended. */
    public void ensure(MachineRow m) {
        if (find(m.machineId()).isPresent()) return;
        Writes.update(db, "add a machine", """
                INSERT INTO machines VALUES (?, CASE WHEN ? IN (SELECT name FROM machines) THEN ? ELSE ? END, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", m.machineId(), m.name(), uniqueVariant(m), m.name(), m.os(), m.kernel(),
                m.cpuModel(), m.cpuCores(), m.memoryBytes(), Writes.timestamp(Instant.now()));
    }

    /** "ci-runner" from another machine becomes "ci-runner-3fa2c1": still a valid name, and tied to the id. */
    static String uniqueVariant(MachineRow m) {
        String suffix = "-" + m.machineId().substring(0, Math.min(6, m.machineId().length()));
        String base = m.name().length() + suffix.length() > 64 ? m.name().substring(0, 64 - suffix.length()) : m.name();
        return base + suffix;
    }

    private static MachineRow row(java.sql.ResultSet rs) throws SQLException {
        return new MachineRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getLong(7));
    }
}
