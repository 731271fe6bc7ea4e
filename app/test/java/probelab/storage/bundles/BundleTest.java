package probelab.storage.bundles;

import probelab.storage.db.Database;
import probelab.storage.export.Exporter;
import probelab.storage.machines.MachineRow;
import probelab.storage.machines.Machines;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.seed.SyntheticJobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Result bundles against real DuckDB files: a round trip, idempotent imports, refused tampering, machine ids. */
class BundleTest {
    private static final List<String> TABLES = List.of("runs", "samples", "latency_histograms", "jobs", "machines");
    private static final Bundles.Provenance PROVENANCE = new Bundles.Provenance("0.1.0", "test");
    private static final MachineRow ALPHA = new MachineRow("a1a1a1a1a1a1", "alpha", "Test OS", "6.1", "Test CPU", 2, 1L << 34);

    @TempDir
    Path dir;

    /** A database on machine {@link #ALPHA} with one synthetic job of every metric family. */
    private Database seeded(String name) {
        Database db = Database.open(dir.resolve(name));
        new Machines(db).registerLocal(ALPHA, null);
        var shape = new SyntheticJobs.Shape(List.of("native", "docker"), List.of("1.22.12"), List.of("tiny"), 6);
        new SyntheticJobs(new SampleStore(db), 3).writeJob(shape, Instant.parse("2025-03-01T10:00:00Z"));
        return db;
    }

    private static Map<String, Long> counts(Database db) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        try (var conn = db.connect(); Statement st = conn.createStatement()) {
            for (String t : TABLES) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static List<String> summary(Database db) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (var conn = db.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT runtime, metric, variant, n, median_value FROM v_metric_summary ORDER BY ALL")) {
            while (rs.next()) out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4) + "|" + rs.getDouble(5));
        }
        return out;
    }

    @Test
    void a_bundle_round_trip_keeps_every_row_and_every_median() throws Exception {
        Path zip = dir.resolve("out/alpha.zip");
        try (Database source = seeded("source.duckdb"); Database target = Database.open(dir.resolve("target.duckdb"))) {
            var written = new Bundles(source, PROVENANCE).export(zip, Exporter.Filter.ALL);
            assertTrue(Files.size(zip) > 0);
            assertEquals(counts(source).get("samples"), written.manifest().rows("samples.parquet"));
            assertEquals(List.of("alpha"), written.manifest().machines().stream().map(MachineRow::name).toList());
            assertEquals("test", written.manifest().gitCommit());
            assertNotNull(written.manifest().from());

            var imported = new Bundles(target, PROVENANCE).importBundle(zip, "alpha.zip");
            assertFalse(imported.alreadyImported());
            assertEquals(counts(source), counts(target));
            assertEquals(summary(source), summary(target));
            assertTrue(summary(target).size() > 10, "every family made it: " + summary(target));
            // imported runs keep their machine and say which bundle they came in
            try (var conn = target.connect(); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT DISTINCT machine, machine_id, bundle_sha256 FROM v_runs")) {
                assertTrue(rs.next());
                assertEquals("alpha", rs.getString(1));
                assertEquals(ALPHA.machineId(), rs.getString(2));
                assertEquals(written.manifest().contentSha256(), rs.getString(3));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void importing_the_same_bundle_twice_changes_nothing_and_says_already_imported() throws Exception {
        Path zip = dir.resolve("alpha.zip");
        try (Database source = seeded("source.duckdb"); Database target = Database.open(dir.resolve("target.duckdb"))) {
            new Bundles(source, PROVENANCE).export(zip, Exporter.Filter.ALL);
            Bundles bundles = new Bundles(target, PROVENANCE);
            bundles.importBundle(zip, "alpha.zip");
            Map<String, Long> once = counts(target);
            var again = bundles.importBundle(zip, "alpha.zip");
            assertTrue(again.alreadyImported());
            assertNotNull(again.importedBefore());
            assertEquals(once, counts(target));

            // a new bundle of the same rows (exported again) adds nothing either: rows are merged by key
            Path same = dir.resolve("alpha-again.zip");
            new Bundles(source, PROVENANCE).export(same, Exporter.Filter.ALL);
            bundles.importBundle(same, "alpha-again.zip");
            assertEquals(once, counts(target));
        }
    }

    @Test
    void a_bundle_changed_after_its_manifest_is_refused_with_the_file_named_and_nothing_is_written() throws Exception {
        Path zip = dir.resolve("alpha.zip");
        Path tampered = dir.resolve("tampered.zip");
        try (Database source = seeded("source.duckdb"); Database target = Database.open(dir.resolve("target.duckdb"))) {
            new Bundles(source, PROVENANCE).export(zip, Exporter.Filter.ALL);
            // another Parquet file of the same shape (fewer samples) in place of samples.parquet, manifest untouched
            Path other = dir.resolve("other.parquet");
            try (var conn = source.connect(); Statement st = conn.createStatement()) {
                st.execute("COPY (SELECT * FROM samples WHERE iteration > 1) TO '" + other + "' (FORMAT parquet)");
            }
            rewrite(zip, tampered, "samples.parquet", Files.readAllBytes(other));
            Map<String, Long> before = counts(target);

            var e = assertThrows(BundleRejectedException.class, () -> new Bundles(target, PROVENANCE).importBundle(tampered, "t.zip"));
            assertTrue(e.getMessage().contains("samples.parquet does not match the manifest"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing imported"), e.getMessage());
            assertEquals(before, counts(target));
            try (var conn = target.connect(); Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM imports")) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
    }

    @Test
    void what_is_not_a_bundle_is_refused_with_a_reason() throws Exception {
        try (Database target = Database.open(dir.resolve("target.duckdb"))) {
            Bundles bundles = new Bundles(target, PROVENANCE);
            Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip at all");
            var notZip = assertThrows(BundleRejectedException.class, () -> bundles.importBundle(text, "notes.zip"));
            assertTrue(notZip.getMessage().contains("not a probelab bundle"), notZip.getMessage());

            Path evil = dir.resolve("evil.zip");
            try (OutputStream out = Files.newOutputStream(evil); ZipOutputStream z = new ZipOutputStream(out)) {
                z.putNextEntry(new ZipEntry("../../etc/passwd"));
                z.write("x".getBytes());
                z.closeEntry();
            }
            var slip = assertThrows(BundleRejectedException.class, () -> bundles.importBundle(evil, "evil.zip"));
            assertTrue(slip.getMessage().contains("unexpected entry"), slip.getMessage());
        }
    }

    @Test
    void runs_from_before_machine_ids_get_their_fingerprint_id_and_this_machine_adopts_them() throws Exception {
        Path file = dir.resolve("old.duckdb");
        try (Database db = Database.open(file)) {
            var store = new SampleStore(db);
            store.createJob("j1", "{}", Instant.now());
            store.createRun(new RunRow("j1-0", "j1", "native", "1.23.5", "tiny", Instant.now(),
                    new Environment("Debian 12", "6.1", "EPYC", 2, 8_000_000_000L, "go", "", "", "0.1.0", ""), RunRow.WorkloadCounts.NONE));
            // as a database written before schema 011: no machine on the run, no machines at all, and (as every
            // database of then) no record of which migrations it has
            try (var conn = db.connect(); Statement st = conn.createStatement()) {
                st.execute("UPDATE runs SET machine_id = NULL");
                st.execute("DELETE FROM machines");
                st.execute("DELETE FROM local_machine");
                st.execute("DROP TABLE schema_migrations");
            }
        }
        String expected = Machines.fingerprintId("EPYC", 2, 8_000_000_000L, "Debian 12");
        try (Database db = Database.open(file)) { // schema 011 runs again and backfills
            assertEquals(expected, machineOf(db, "j1-0"), "SQL and Java compute the same fingerprint id");
            var here = new MachineRow("feedfeedfeed", "vm", "Debian 12", "6.1", "EPYC", 2, 8_000_000_000L);
            new Machines(db).registerLocal(here, expected);
            assertEquals("feedfeedfeed", machineOf(db, "j1-0"));
            assertEquals(List.of("vm"), new Machines(db).all().stream().map(k -> k.machine().name()).toList());
        }
    }

    @Test
    void a_machine_name_is_checked_and_unique() {
        try (Database db = Database.open(dir.resolve("names.duckdb"))) {
            Machines machines = new Machines(db);
            machines.registerLocal(ALPHA, null);
            assertThrows(IllegalArgumentException.class, () -> machines.rename(ALPHA.machineId(), "two words"));
            machines.ensure(new MachineRow("b2b2b2b2b2b2", "beta", null, null, null, 0, 0));
            var taken = assertThrows(IllegalArgumentException.class, () -> machines.rename(ALPHA.machineId(), "beta"));
            assertTrue(taken.getMessage().contains("already named 'beta'"), taken.getMessage());
            assertEquals("ci-runner-1", machines.rename(ALPHA.machineId(), "ci-runner-1").name());
            // a second machine that arrives with a name in use gets its id's start appended
            machines.ensure(new MachineRow("c3c3c3c3c3c3", "beta", null, null, null, 0, 0));
            assertEquals("beta-c3c3c3", machines.find("c3c3c3c3c3c3").orElseThrow().name());
        }
    }

    private static String machineOf(Database db, String runId) throws Exception {
        try (var conn = db.connect(); Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT machine_id FROM runs WHERE run_id = '" + runId + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A copy of {@code zip} with {@code entry}'s bytes replaced. */
    static void rewrite(Path zip, Path to, String entry, byte[] bytes) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in);
             OutputStream out = Files.newOutputStream(to); ZipOutputStream w = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                w.putNextEntry(new ZipEntry(e.getName()));
                w.write(e.getName().equals(entry) ? bytes : z.readAllBytes());
                w.closeEntry();
            }
        }
    }
}
