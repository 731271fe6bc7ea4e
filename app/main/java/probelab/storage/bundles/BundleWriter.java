package probelab.storage.bundles;

import probelab.storage.db.Reads;
import probelab.storage.db.Sql;
import probelab.storage.db.StorageException;
import probelab.storage.export.Exporter;
import probelab.storage.machines.MachineRow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a result bundle: DuckDB's own {@code COPY ... TO ... (FORMAT parquet)} of the selected runs, their samples,
 * histograms, jobs and machines into a temporary directory, then the manifest, then one zip (java.util.zip), written
 * under a temporary name beside the target and renamed into place. The Parquet files are zstd-compressed already, so
 * they are STORED in the zip, not deflated again.
 */
final class BundleWriter {
    private final Exporter.Source source;
    private final Bundles.Provenance provenance;
    private final ObjectMapper json;

    BundleWriter(Exporter.Source source, Bundles.Provenance provenance, ObjectMapper json) {
        this.source = source;
        this.provenance = provenance;
        this.json = json;
    }

    /** The runs a filter selects: the same parameters as {@link Exporter}, bound twice each (length test, then match). */
    private static final String RUNS = "(len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], runtime_id)) "
            + "AND (len(?::VARCHAR[]) = 0 OR len(list_filter(?::VARCHAR[], g -> go_version = g OR starts_with(go_version, g || '.'))) > 0) "
            + "AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], project_size)) "
            + "AND (len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], job_id))";
    private static final String FAMILY = "(len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], %s))";

    /** Each file's query; runs carry no bundle_sha256 (an importer records the bundle it came in). */
    private static final Map<String, String> QUERIES = Map.of(
            "runs.parquet", "SELECT * EXCLUDE (bundle_sha256) FROM runs WHERE " + RUNS + " ORDER BY run_id",
            "samples.parquet", "SELECT s.* FROM samples s JOIN runs r USING (run_id) LEFT JOIN metric_catalog c USING (metric) WHERE "
                    + RUNS + " AND " + FAMILY.formatted("c.family") + " ORDER BY s.run_id, s.metric, s.variant, s.iteration",
            // histograms are the RTT family's: a bundle without that family has none
            "histograms.parquet", "SELECT h.* FROM latency_histograms h WHERE h.run_id IN (SELECT run_id FROM runs WHERE " + RUNS
                    + ") AND " + FAMILY.formatted("'rtt'") + " ORDER BY h.run_id, h.iteration",
            "jobs.parquet", "SELECT * FROM jobs WHERE job_id IN (SELECT job_id FROM runs WHERE " + RUNS + ") ORDER BY job_id",
            "machines.parquet", "SELECT * FROM machines WHERE machine_id IN (SELECT machine_id FROM runs WHERE " + RUNS
                    + ") ORDER BY machine_id");

    Bundles.ExportResult write(Path zip, Exporter.Filter filter) {
        long t0 = System.nanoTime();
        Path target = zip.toAbsolutePath().normalize();
        Path tmpDir = null;
        Path tmpZip = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            if (target.getParent() != null) Files.createDirectories(target.getParent());
            tmpDir = Files.createTempDirectory("probelab-bundle-");
            Map<String, Long> rows = new LinkedHashMap<>();
            BundleManifest partial;
            try (DuckDBConnection conn = source.connect()) {
                for (String name : BundleManifest.FILES) rows.put(name, copy(conn, name, tmpDir.resolve(name), filter));
                if (rows.get("runs.parquet") == 0) {
                    throw new IllegalArgumentException("no runs match the filters: nothing to bundle");
                }
                partial = describe(conn, tmpDir, filter);
            }
            BundleManifest.Hashes hashes = BundleManifest.Hashes.of(tmpDir);
            List<BundleManifest.FileEntry> files = new ArrayList<>();
            for (String name : BundleManifest.FILES) {
                files.add(new BundleManifest.FileEntry(name, rows.get(name), Files.size(tmpDir.resolve(name)), hashes.perFile().get(name)));
            }
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, BundleManifest.FORMAT_VERSION,
                    provenance.probelabVersion(), provenance.gitCommit(), Instant.now(), partial.machines(), partial.from(),
                    partial.to(), filterMap(filter), files, hashes.content());
            Files.write(tmpDir.resolve(BundleManifest.MANIFEST), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip(tmpDir, tmpZip);
            Files.move(tmpZip, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Bundles.ExportResult(target, manifest, Files.size(target), (System.nanoTime() - t0) / 1_000_000);
        } catch (SQLException e) {
            throw new StorageException("cannot export a bundle to " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException("cannot write " + target + ": " + e, e);
        } finally {
            Bundles.deleteQuietly(tmpZip);
            Bundles.deleteTree(tmpDir);
        }
    }

    private static long copy(DuckDBConnection conn, String name, Path file, Exporter.Filter f) throws SQLException {
        String sql = "COPY (" + QUERIES.get(name) + ") TO " + Sql.literal(file) + " (FORMAT parquet, COMPRESSION zstd)";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            int i = 1;
            for (List<String> values : List.of(f.runtimes(), f.goVersions(), f.sizes(), f.jobIds())) {
                var array = conn.createArrayOf("VARCHAR", values.toArray());
                ps.setArray(i++, array);
                ps.setArray(i++, array);
            }
            if (!name.equals("runs.parquet") && !name.equals("jobs.parquet") && !name.equals("machines.parquet")) {
                var array = conn.createArrayOf("VARCHAR", f.metricFamilies().toArray());
                ps.setArray(i++, array);
                ps.setArray(i, array);
            }
            ps.execute();
            return ps.getUpdateCount();
        }
    }

    /** The machines and time span of what was written, read back from the Parquet files themselves. */
    private BundleManifest describe(DuckDBConnection conn, Path dir, Exporter.Filter f) throws SQLException {
        List<MachineRow> machines = new ArrayList<>();
        Instant from = null, to = null;
        try (var st = conn.createStatement()) {
            try (var rs = st.executeQuery("SELECT machine_id, name, os, kernel, cpu_model, cpu_cores, memory_bytes FROM read_parquet("
                    + Sql.literal(dir.resolve("machines.parquet")) + ") ORDER BY machine_id")) {
                while (rs.next()) {
                    machines.add(new MachineRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getLong(7)));
                }
            }
            try (var rs = st.executeQuery("SELECT min(started_at), max(coalesce(finished_at, started_at)) FROM read_parquet("
                    + Sql.literal(dir.resolve("runs.parquet")) + ")")) {
                if (rs.next()) {
                    from = Reads.instant(rs, 1);
                    to = Reads.instant(rs, 2);
                }
            }
        }
        return new BundleManifest(null, 0, null, null, null, machines, from, to, null, null, null);
    }

    private static Map<String, String> filterMap(Exporter.Filter f) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!f.runtimes().isEmpty()) out.put("runtime", String.join(",", f.runtimes()));
        if (!f.goVersions().isEmpty()) out.put("go", String.join(",", f.goVersions()));
        if (!f.sizes().isEmpty()) out.put("size", String.join(",", f.sizes()));
        if (!f.metricFamilies().isEmpty()) out.put("metric", String.join(",", f.metricFamilies()));
        if (!f.jobIds().isEmpty()) out.put("job", String.join(",", f.jobIds()));
        return out;
    }

    /** The manifest first, then the Parquet files in their fixed order, each STORED with its CRC computed first. */
    private static void zip(Path dir, Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        names.add(BundleManifest.MANIFEST);
        names.addAll(BundleManifest.FILES);
        try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(raw, 1 << 16))) {
            byte[] buf = new byte[1 << 16];
            for (String name : names) {
                Path file = dir.resolve(name);
                CRC32 crc = new CRC32();
                try (InputStream in = Files.newInputStream(file)) {
                    for (int n; (n = in.read(buf)) > 0; ) crc.update(buf, 0, n);
                }
                ZipEntry e = new ZipEntry(name);
                e.setMethod(ZipEntry.STORED);
                e.setSize(Files.size(file));
                e.setCompressedSize(Files.size(file));
                e.setCrc(crc.getValue());
                out.putNextEntry(e);
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
