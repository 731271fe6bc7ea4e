package probelab.storage.bundles;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;
import probelab.storage.db.Sql;
import probelab.storage.db.StorageException;
import probelab.storage.db.Writes;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Merges a result bundle into the database. Checked before anything is written: the zip holds exactly the manifest
 * and the five Parquet files (each extracted to a fixed name, never to a path the zip names), the manifest parses and
 * is a format this probelab reads, every file's sha256 and row count match it, and so does the content hash. Then,
 * in one transaction, each table gets the rows it lacks (by primary key: machine_id, job_id, run_id,
 * (run_id, metric, variant, iteration) for samples, (run_id, iteration) for histograms), so importing a bundle again,
 * or two bundles that overlap, adds nothing twice. Imported runs keep their machine and record the bundle's hash.
 */
final class BundleImporter {
    /** The manifest is small; anything bigger is not one of ours. */
    private static final long MAX_MANIFEST_BYTES = 1 << 20;
    /** The columns an imported file must have: keys and what the report cannot do without. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "runs", List.of("run_id", "job_id", "runtime_id", "go_version", "project_size", "status", "started_at", "machine_id"),
            "samples", List.of("run_id", "metric", "variant", "iteration", "unit", "status", "measured_at"),
            "latency_histograms", List.of("run_id", "iteration", "histogram", "request_count", "duration_micros"),
            "jobs", List.of("job_id", "spec_json", "status", "created_at"));

    private final Database db;
    private final ObjectMapper json;

    BundleImporter(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    Bundles.ImportResult importBundle(Path zip, String sourceName) {
        long t0 = System.nanoTime();
        if (!Files.isRegularFile(zip)) throw new BundleRejectedException("no bundle at " + zip);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("probelab-import-");
            extract(zip, dir, extractionCap(Files.size(zip)));
            BundleManifest manifest = manifest(dir);
            verify(manifest, dir);
            Instant before = importedAt(manifest.contentSha256());
            if (before != null) {
                return new Bundles.ImportResult(manifest, true, before, Map.of(), (System.nanoTime() - t0) / 1_000_000);
            }
            Map<String, Long> added = merge(dir, manifest, sourceName);
            return new Bundles.ImportResult(manifest, false, null, added, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new StorageException("cannot read the bundle " + zip + ": " + e, e);
        } finally {
            Bundles.deleteTree(dir);
        }
    }

    /** A zip of STORED Parquet is about as big as its contents; four times that (at least 1 GiB) stops a zip bomb. */
    private static long extractionCap(long zipBytes) {
        return Math.max(1L << 30, 4 * zipBytes);
    }

    private static void extract(Path zip, Path dir, long capBytes) throws IOException {
        Set<String> expected = new HashSet<>(BundleManifest.FILES);
        expected.add(BundleManifest.MANIFEST);
        Set<String> seen = new HashSet<>();
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip), 1 << 16))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                if (e.isDirectory() || !expected.contains(name)) {
                    throw new BundleRejectedException("unexpected entry " + BadName.quote(name) + " in the bundle; a bundle holds "
                            + String.join(", ", expectedNames()));
                }
                if (!seen.add(name)) throw new BundleRejectedException("the bundle holds " + name + " twice");
                long cap = name.equals(BundleManifest.MANIFEST) ? MAX_MANIFEST_BYTES : capBytes - total;
                // the fixed name, never the entry's path: nothing lands outside the temp directory
                try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
                    long n = 0;
                    for (int r; (r = in.read(buf)) > 0; ) {
                        n += r;
                        if (n > cap) throw new BundleRejectedException(name + " is larger than a bundle of this size can hold");
                        out.write(buf, 0, r);
                    }
                    total += n;
                }
            }
        } catch (ZipException e) {
            throw new BundleRejectedException("not a readable zip file: " + e.getMessage(), e);
        }
        List<String> missing = expectedNames().stream().filter(n -> !seen.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new BundleRejectedException((seen.isEmpty() ? "not a probelab bundle (an empty zip, or not a zip at all)"
                    : "not a complete probelab bundle") + ": missing " + String.join(", ", missing));
        }
    }

    private static List<String> expectedNames() {
        List<String> names = new ArrayList<>();
        names.add(BundleManifest.MANIFEST);
        names.addAll(BundleManifest.FILES);
        return names;
    }

    private BundleManifest manifest(Path dir) throws IOException {
        BundleManifest m;
        try {
            m = json.readValue(dir.resolve(BundleManifest.MANIFEST).toFile(), BundleManifest.class);
        } catch (JacksonException e) {
            throw new BundleRejectedException("manifest.json does not parse: " + e.getOriginalMessage(), e);
        }
        if (!BundleManifest.FORMAT.equals(m.format())) {
            throw new BundleRejectedException("manifest.json is not a probelab bundle's (format " + BadName.quote(m.format()) + ")");
        }
        if (m.formatVersion() != BundleManifest.FORMAT_VERSION) {
            throw new BundleRejectedException("the bundle has format version " + m.formatVersion() + "; this probelab reads "
                    + BundleManifest.FORMAT_VERSION + (m.formatVersion() > BundleManifest.FORMAT_VERSION ? ": upgrade probelab" : ""));
        }
        if (m.contentSha256() == null || m.files() == null) throw new BundleRejectedException("manifest.json lacks its hashes");
        return m;
    }

    /** Every file as the manifest says, then the content hash; the first mismatch names the file. */
    private static void verify(BundleManifest m, Path dir) throws IOException {
        BundleManifest.Hashes h = BundleManifest.Hashes.of(dir);
        for (String name : BundleManifest.FILES) {
            BundleManifest.FileEntry entry = m.file(name);
            if (entry == null) throw new BundleRejectedException("manifest.json does not list " + name);
            if (!h.perFile().get(name).equals(entry.sha256())) {
                throw new BundleRejectedException(name + " does not match the manifest (sha256 " + h.perFile().get(name)
                        + ", the manifest says " + entry.sha256() + "): the bundle was changed after it was made; nothing imported");
            }
        }
        if (!h.content().equals(m.contentSha256())) {
            throw new BundleRejectedException("the bundle's content hash " + h.content() + " does not match the manifest's "
                    + m.contentSha256() + ": nothing imported");
        }
    }

    private Instant importedAt(String hash) {
        return Reads.query(db, Reads.NO_TIMEOUT, "look up earlier imports", "SELECT imported_at FROM imports WHERE bundle_sha256 = ?",
                List.of(hash), rs -> rs.next() ? Reads.instant(rs, 1) : null);
    }

    /** One transaction: a failure anywhere leaves the database as it was. Returns the rows added per table. */
    private Map<String, Long> merge(Path dir, BundleManifest m, String sourceName) {
        Map<String, Long> added = new LinkedHashMap<>();
        // a write like the others (refused after a write fault, readers told), in a transaction of its own making:
        // its statements' failures are the bundle's, rejected with what did not fit
        return Writes.write(db, "import the bundle", conn -> {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                checkRowCounts(st, dir, m);
                refuseForeignRuns(st, dir);
                Timestamp now = Writes.timestamp(Instant.now());
                added.put("machines", insert(conn, """
                        INSERT INTO machines (machine_id, name, os, kernel, cpu_model, cpu_cores, memory_bytes, first_seen)
                        SELECT machine_id, CASE WHEN name IN (SELECT name FROM machines) THEN name || '-' || left(machine_id, 6) ELSE name END,
                               os, kernel, cpu_model, cpu_cores, memory_bytes, ?
                        FROM %s WHERE machine_id NOT IN (SELECT machine_id FROM machines)""".formatted(parquet(dir, "machines.parquet")), now));
                try (ResultSet rs = st.executeQuery("SELECT any_value(machine_id) FROM " + parquet(dir, "runs.parquet")
                        + " WHERE machine_id IS NULL OR machine_id NOT IN (SELECT machine_id FROM machines)")) {
                    if (rs.next() && rs.getString(1) != null) {
                        throw new BundleRejectedException("runs.parquet names machine " + rs.getString(1) + ", which machines.parquet lacks");
                    }
                }
                added.put("jobs", insert(conn, copyNew(st, dir, "jobs.parquet", "jobs", "job_id NOT IN (SELECT job_id FROM jobs)", "")));
                added.put("runs", insert(conn, copyNew(st, dir, "runs.parquet", "runs", "run_id NOT IN (SELECT run_id FROM runs)",
                        "bundle_sha256"), m.contentSha256()));
                added.put("samples", insert(conn, copyNew(st, dir, "samples.parquet", "samples", "NOT EXISTS (SELECT 1 FROM samples s "
                        + "WHERE s.run_id = p.run_id AND s.metric = p.metric AND s.variant = p.variant AND s.iteration = p.iteration)", "")));
                added.put("histograms", insert(conn, copyNew(st, dir, "histograms.parquet", "latency_histograms", "NOT EXISTS "
                        + "(SELECT 1 FROM latency_histograms h WHERE h.run_id = p.run_id AND h.iteration = p.iteration)", "")));
                insert(conn, "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?)", m.contentSha256(), now, sourceName,
                        json.writeValueAsString(m), added.get("runs"), added.get("samples"));
                conn.commit();
                return added;
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                conn.rollback();
                if (e instanceof BundleRejectedException r) throw r;
                if (e instanceof SQLException s) {
                    throw new BundleRejectedException("the bundle's rows do not fit this database, nothing imported: " + s.getMessage(), s);
                }
                throw e instanceof RuntimeException re ? re : new StorageException("cannot import: " + e.getMessage(), e);
            }
        });
    }

    private static void checkRowCounts(Statement st, Path dir, BundleManifest m) throws SQLException {
        for (String name : BundleManifest.FILES) {
            long rows;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + parquet(dir, name))) {
                rs.next();
                rows = rs.getLong(1);
            } catch (SQLException e) {
                throw new BundleRejectedException(name + " is not a readable Parquet file: " + e.getMessage(), e);
            }
            if (rows != m.rows(name)) {
                throw new BundleRejectedException(name + " holds " + rows + " rows; the manifest says " + m.rows(name));
            }
        }
    }

    /** Run ids are unique per machine only by chance (a day and 32 random bits): a clash with another machine's is refused. */
    private static void refuseForeignRuns(Statement st, Path dir) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT p.run_id, r.machine_id, p.machine_id FROM " + parquet(dir, "runs.parquet")
                + " JOIN runs r USING (run_id) WHERE r.machine_id IS DISTINCT FROM p.machine_id LIMIT 1")) {
            if (rs.next()) {
                throw new BundleRejectedException("run " + rs.getString(1) + " is in this database already, measured on machine "
                        + rs.getString(2) + "; the bundle has it from machine " + rs.getString(3) + ": nothing imported");
            }
        }
    }

    /**
     * {@code INSERT INTO table (columns) SELECT columns FROM file p WHERE newRows}: the columns the file and the table
     * share (an older bundle lacks newer columns, which stay NULL or default), plus {@code extra} bound as a parameter.
     */
    private static String copyNew(Statement st, Path dir, String file, String table, String newRows, String extra) throws SQLException {
        Set<String> tableColumns = new java.util.LinkedHashSet<>();
        try (ResultSet rs = st.executeQuery("SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() "
                + "AND schema_name = 'main' AND table_name = " + Sql.literal(table) + " ORDER BY column_index")) {
            while (rs.next()) tableColumns.add(rs.getString(1));
        }
        Set<String> fileColumns = new HashSet<>();
        try (ResultSet rs = st.executeQuery("SELECT column_name FROM (DESCRIBE SELECT * FROM " + parquet(dir, file) + ")")) {
            while (rs.next()) fileColumns.add(rs.getString(1));
        }
        for (String c : REQUIRED.getOrDefault(table, List.of())) {
            if (!fileColumns.contains(c)) throw new BundleRejectedException(file + " lacks the column " + c);
        }
        List<String> shared = tableColumns.stream().filter(fileColumns::contains).filter(c -> !c.equals(extra)).toList();
        String cols = String.join(", ", shared.stream().map(Sql::identifier).toList());
        String select = String.join(", ", shared.stream().map(c -> "p." + Sql.identifier(c)).toList());
        return "INSERT INTO " + table + " (" + cols + (extra.isEmpty() ? "" : ", " + extra) + ") SELECT " + select
                + (extra.isEmpty() ? "" : ", ?") + " FROM " + parquet(dir, file) + " WHERE " + newRows;
    }

    private static long insert(Connection conn, String sql, Object... args) throws SQLException {
        return Writes.update(conn, sql, args);
    }

    private static String parquet(Path dir, String name) {
        return "read_parquet(" + Sql.literal(dir.resolve(name)) + ") p";
    }

    /** Quoting for names that came from a file. */
    private static final class BadName {
        static String quote(String s) {
            if (s == null) return "null";
            String v = s.length() > 80 ? s.substring(0, 80) + "..." : s;
            return "'" + v.replaceAll("[\\p{Cntrl}]", "?") + "'";
        }
    }
}
