package probelab.storage.report;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;
import probelab.storage.db.Rows;

import java.util.ArrayList;
import java.util.List;

/** Reads which machines the selected runs were measured on, for the report's header and baselines. */
public final class MachineReads {
    private final Database db;

    public MachineReads(Database db) {
        this.db = db;
    }

    /**
     * One machine the selected runs were measured on (per fingerprint and probelab version it recorded), with how many
     * runs; {@code reference}: its runs keep plain runtime names in this view (the others' read "native @ name").
     */
    public record Machine(String os, String kernel, String cpuModel, int cpuCores, long memoryBytes,
                          String probelabVersion, String gitCommit, long runs, String machineId, String name,
                          boolean reference) {
    }

    /** The reference machine first, then by name; at most {@code limit} rows. */
    public Rows<Machine> forRuns(SampleFilter f, int limit) {
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.add(limit + 1);
        return Reads.query(db, ReportQueries.QUERY_TIMEOUT_SECONDS, "list machines", """
                SELECT os, kernel, cpu_model, cpu_cores, memory_bytes, probelab_version, git_commit, count(*) AS n,
                       machine_id, machine, reference_machine
                FROM (%s) GROUP BY ALL ORDER BY reference_machine DESC, machine, n DESC, os LIMIT ?""".formatted(runs), args, rs -> {
            List<Machine> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Machine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                        rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getBoolean(11)));
            }
            return Reads.bounded(out, limit);
        });
    }
}
