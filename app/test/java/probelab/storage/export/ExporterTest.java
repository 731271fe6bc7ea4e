package probelab.storage.export;

import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.catalog.Unit;
import probelab.storage.db.Database;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;
import probelab.storage.samples.SampleStoreTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExporterTest {
    @TempDir
    Path dir;
    Database db;
    Exporter exporter;

    /** Two jobs: native / Go 1.22.5 / tiny and docker / Go 1.2.3 / small, each with rtt, build and memory samples. */
    @BeforeEach
    void seed() {
        db = Database.open(dir.resolve("probelab.duckdb"));
        SampleStore store = new SampleStore(db);
        run(store, "j1", "j1-0", "native", "1.22.5", "tiny");
        run(store, "j2", "j2-0", "docker", "1.2.3", "small");
        exporter = new Exporter(db::connect);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static void run(SampleStore store, String job, String run, String runtime, String go, String size) {
        store.createJob(job, "{}", Instant.now());
        store.createRun(new RunRow(run, job, runtime, go, size, Instant.now(), SampleStoreTest.ENV, RunRow.WorkloadCounts.NONE));
        List<SampleRow> rows = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            rows.add(SampleRow.ok(run, Metric.RTT_P50_US.id(), "", i, 40 + i, Unit.US.symbol(), "closed loop, 1 connection"));
            rows.add(SampleRow.ok(run, Metric.THROUGHPUT_RPS.id(), "", i, 20000 + i, Unit.RPS.symbol(), null));
            rows.add(SampleRow.ok(run, Metric.BUILD_MS.id(), "cold", i, 900 + i, Unit.MS.symbol(), "go build ./..."));
            rows.add(SampleRow.ok(run, Metric.SERVER_RSS_BYTES.id(), "", i, 7e6, Unit.BYTES.symbol(), "/proc/PID/status VmRSS"));
        }
        rows.add(SampleRow.failed(run, Metric.COLD_START_MS.id(), "", 1, Unit.MS.symbol(), "server never answered, \"quoted\", with a comma"));
        store.addSamples(rows);
    }

    /** Reads an exported file back with a fresh DuckDB, as someone else's script would. */
    private static List<List<Object>> readBack(Path file, String select) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             PreparedStatement ps = c.prepareStatement(select.replace("FILE", "'" + file.toString().replace("'", "''") + "'"));
             ResultSet rs = ps.executeQuery()) {
            List<List<Object>> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
                out.add(row);
            }
            return out;
        }
    }

    @Test
    void parquet_export_holds_exactly_the_filtered_samples_with_every_v_samples_column() throws Exception {
        var filter = new Exporter.Filter(List.of("native"), List.of(), List.of(), List.of("rtt"), List.of());
        Exporter.Result r = exporter.export(Exporter.Format.PARQUET, dir.resolve("out"), filter);
        assertEquals(dir.resolve("out").resolve("samples.parquet"), r.file());
        assertEquals(6, r.rows(), "3 iterations of rtt_p50_us and throughput_rps, native only");
        assertEquals(List.of(List.of("native", "rtt", 6L)),
                readBack(r.file(), "SELECT runtime, metric_family, count(*) FROM read_parquet(FILE) GROUP BY ALL"));
        List<List<Object>> columns = readBack(r.file(), "SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(FILE))");
        List<String> names = columns.stream().map(c -> (String) c.get(0)).toList();
        assertTrue(names.containsAll(List.of("run_id", "job_id", "runtime", "go_version", "project_size", "metric", "variant",
                "iteration", "value", "unit", "status", "error", "detail", "measured_at", "metric_family")), names.toString());
        assertEquals(List.of(List.of(41.0)), readBack(r.file(), "SELECT min(value) FROM read_parquet(FILE) WHERE metric = 'rtt_p50_us'"));
    }

    @Test
    void csv_export_reads_back_with_the_same_rows_as_parquet_including_quotes_and_commas() throws Exception {
        Exporter.Result csv = exporter.export(Exporter.Format.CSV, dir.resolve("out"), Exporter.Filter.ALL);
        Exporter.Result parquet = exporter.export(Exporter.Format.PARQUET, dir.resolve("out"), Exporter.Filter.ALL);
        assertEquals(26, csv.rows());
        assertEquals(csv.rows(), parquet.rows());
        String columns = "run_id, metric, variant, iteration::INTEGER, value::DOUBLE, status, error";
        // the CSV quotes variant, so "" (no variant) stays apart from NULL; DuckDB keeps it apart when told to
        assertEquals(readBack(parquet.file(), "SELECT " + columns + " FROM read_parquet(FILE) ORDER BY ALL"),
                readBack(csv.file(), "SELECT " + columns + " FROM read_csv(FILE, header = true, allow_quoted_nulls = false) ORDER BY ALL"));
        assertEquals(List.of(List.of("server never answered, \"quoted\", with a comma")),
                readBack(csv.file(), "SELECT error FROM read_csv(FILE, header = true) WHERE status = 'failed' AND run_id = 'j1-0'"));
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertEquals(2, files.count(), "samples.csv and samples.parquet, no temporary file left");
        }
    }

    @Test
    void go_versions_match_exactly_or_by_minor_version_and_filters_combine() throws Exception {
        var minor = new Exporter.Filter(List.of(), List.of("1.2"), List.of(), List.of(), List.of());
        Exporter.Result r = exporter.export(Exporter.Format.CSV, dir.resolve("a"), minor);
        assertEquals(List.of(List.of("1.2.3")), readBack(r.file(), "SELECT DISTINCT go_version FROM read_csv(FILE, header = true)"),
                "1.2 matches 1.2.3, not 1.22.5");
        var exact = new Exporter.Filter(List.of(), List.of("1.22.5"), List.of("tiny"), List.of("build", "memory"), List.of("j1"));
        assertEquals(6, exporter.export(Exporter.Format.CSV, dir.resolve("b"), exact).rows(), "3 build_ms + 3 server_rss_bytes of j1");
        var none = new Exporter.Filter(List.of("docker"), List.of(), List.of(), List.of(), List.of("j1"));
        Exporter.Result empty = exporter.export(Exporter.Format.PARQUET, dir.resolve("c"), none);
        assertEquals(0, empty.rows());
        assertEquals(List.of(List.of(0L)), readBack(empty.file(), "SELECT count(*) FROM read_parquet(FILE)"),
                "no match still gives a readable file with the columns");
    }

    @Test
    void filter_values_are_checked_and_bound_never_spliced_into_sql() {
        var injected = assertThrows(IllegalArgumentException.class, () ->
                new Exporter.Filter(List.of("native' OR '1'='1"), List.of(), List.of(), List.of(), List.of()));
        assertTrue(injected.getMessage().contains("invalid runtime"), injected.getMessage());
        var family = assertThrows(IllegalArgumentException.class, () ->
                new Exporter.Filter(List.of(), List.of(), List.of(), List.of("latency"), List.of()));
        assertTrue(family.getMessage().contains("valid: rtt, cold_start, memory, limits, build, image_build"), family.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Exporter.Format.parse("xlsx"));
        // a value that is valid but names nothing matches nothing, and the export still works
        var unknown = new Exporter.Filter(List.of("podman"), List.of(), List.of(), List.of(), List.of());
        assertEquals(0, exporter.export(Exporter.Format.CSV, dir.resolve("d"), unknown).rows());
    }

    @Test
    void an_export_into_a_directory_with_a_quote_in_its_name_works() throws Exception {
        Path odd = dir.resolve("it's here");
        Exporter.Result r = exporter.export(Exporter.Format.PARQUET, odd, Exporter.Filter.ALL);
        assertEquals(26, r.rows());
        assertTrue(Files.isRegularFile(odd.resolve("samples.parquet")));
    }

    @Test
    void metric_families_in_sql_are_those_of_the_metric_catalog() throws Exception {
        assertEquals(MetricFamily.ids(), Exporter.FAMILIES);
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT family, unit FROM v_metrics WHERE metric = ?")) {
            for (Metric m : Metric.all()) {
                ps.setString(1, m.id());
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), m.id() + " is in v_metrics");
                    assertEquals(m.family().id(), rs.getString(1), m.id());
                    assertEquals(m.unit().symbol(), rs.getString(2), m.id());
                }
            }
        }
    }
}
