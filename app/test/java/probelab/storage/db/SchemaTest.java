package probelab.storage.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.TestEnv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Migrations applied once and recorded, older databases adopted, every view defined once and re-created last. */
class SchemaTest {
    private static final Pattern VIEW = Pattern.compile("(?i)CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");

    /**
     * The views and their columns as a database had them before the views moved to views.sql (taken from that
     * version): what analysts' queries and the notebook's schema panel rely on.
     */
    private static final Map<String, List<String>> VIEWS = views(
            "v_diagnostics", "run_id, rule, severity, evidence, fix",
            "v_failures", "job_id, runtime, go_version, project_size, scenario, metric, variant, iteration, error, measured_at",
            "v_job_links", "job_id, extends_job_id, status, created_at, spec_json",
            "v_machines", "machine_id, name, os, kernel, cpu_model, cpu_cores, memory_bytes, first_seen, local, runs, jobs, "
                    + "imported_runs, last_run_at",
            "v_metric_summary", "runtime, go_version, project_size, scenario, metric, variant, unit, n, median_value, p90_value, "
                    + "min_value, max_value, stddev_value",
            "v_metrics", "metric, family, unit, display_name, better, presence, phases, description",
            "v_published_claims", "runtime, metric, statistic, variant, qualifier, value, value_high, unit, go_version, "
                    + "project_size_hint, source_file, section, original_text, stated_environment, notes, claim_id, "
                    + "probelab_metric, provenance",
            "v_runs", "run_id, job_id, runtime_id, go_version, project_size, status, started_at, finished_at, os, kernel, "
                    + "cpu_model, cpu_cores, memory_bytes, go_version_string, runtime_version, runtime_detail, probelab_version, "
                    + "git_commit, workload_modules, workload_packages, workload_files, workload_lines, generator_version, "
                    + "storage_driver, cgroup_version, cgroup_driver, oci_runtime, network_driver, userland_proxy, "
                    + "security_options, engine_version, load_avg_1m_max, steal_pct_max, cpu_governor, scenario, machine_id, "
                    + "bundle_sha256, foreign_cpu_ticks, cpu_ticks, foreign_cpu_pct_max, foreign_busiest, steal_ticks, ok_samples, failed_samples, machine",
            "v_samples", "run_id, job_id, runtime, go_version, project_size, scenario, metric, variant, iteration, value, unit, "
                    + "status, error, detail, measured_at, cpu_model, cpu_cores, kernel, runtime_version, machine, machine_id",
            "v_sampling", "job_id, run_id, runtime, go_version, project_size, task, families, iterations, warmup_iterations, "
                    + "measured_ms, stop_reason, half_width_pct, widest_series, target_pct",
            "v_scenarios", "scenario, runtime, runs, ok_samples, failed_samples, not_applicable, a_reason",
            "v_shares", "id, kind, notebook_id, query, created_at, revoked_at, active, frozen_runs");

    @TempDir
    Path dir;

    @Test
    void a_new_database_records_each_migration_once_by_number_and_file() throws Exception {
        Path file = dir.resolve("new.duckdb");
        List<String> appliedAt;
        try (Database db = Database.open(file)) {
            assertEquals(Schema.MIGRATIONS.stream().map(m -> Schema.version(m) + " " + m).toList(),
                    rows(db, "SELECT version || ' ' || name FROM schema_migrations ORDER BY version"));
            appliedAt = rows(db, "SELECT applied_at FROM schema_migrations ORDER BY version");
        }
        try (Database db = Database.open(file)) {
            assertEquals(appliedAt, rows(db, "SELECT applied_at FROM schema_migrations ORDER BY version"),
                    "a second open applies nothing again");
        }
    }

    @Test
    void only_the_migrations_a_database_lacks_run_and_the_views_are_recreated_at_every_open() throws Exception {
        Path file = dir.resolve("p.duckdb");
        try (Database db = Database.open(file)) {
            execute(db, "DELETE FROM schema_migrations WHERE version = 11; DROP VIEW v_runs;"
                    + "INSERT INTO runs (run_id, job_id, runtime_id, go_version, project_size, status, started_at) "
                    + "VALUES ('r1', 'j1', 'native', '1.23.5', 'tiny', 'completed', TIMESTAMP '2025-01-01 00:00:00')");
            // 010 does not run again: a scenario set to NULL by hand stays NULL
            execute(db, "UPDATE runs SET scenario = NULL");
        }
        try (Database db = Database.open(file)) {
            assertEquals(List.of("11"), rows(db, "SELECT version FROM schema_migrations WHERE applied_at = "
                    + "(SELECT max(applied_at) FROM schema_migrations) ORDER BY version"), "011 ran again, alone and last");
            assertEquals(List.of("null"), rows(db, "SELECT scenario FROM runs"));
            assertFalse(rows(db, "SELECT machine_id FROM runs").contains("null"), "011 backfilled the machine");
            assertEquals(VIEWS.get("v_runs"), columns(db, "v_runs"), "the views came back, last");
        }
    }

    @Test
    void a_database_from_before_versions_were_recorded_is_adopted_with_its_rows_and_views() throws Exception {
        Path file = dir.resolve("old.duckdb");
        try (Database db = Database.open(file)) {
            execute(db, "INSERT INTO jobs VALUES ('j1', '{}', 'completed', TIMESTAMP '2025-01-01 00:00:00', NULL, NULL, NULL);"
                    + "INSERT INTO runs (run_id, job_id, runtime_id, go_version, project_size, status, started_at, machine_id) "
                    + "VALUES ('r1', 'j1', 'native', '1.23.5', 'tiny', 'completed', TIMESTAMP '2025-01-01 00:00:00', 'feedfeedfeed');"
                    + "INSERT INTO samples VALUES ('r1', 'rtt_p50_us', '', 1, 42.5, 'us', 'ok', NULL, NULL, TIMESTAMP '2025-01-01 00:00:00');"
                    + "INSERT INTO share_runs VALUES ('r1', 'abc');"
                    // what every probelab before recorded versions left: all the tables, no schema_migrations
                    + "DROP TABLE schema_migrations");
        }
        try (Database db = Database.open(file)) {
            assertEquals(Schema.MIGRATIONS.stream().map(m -> String.valueOf(Schema.version(m))).toList(),
                    rows(db, "SELECT version FROM schema_migrations ORDER BY version"));
            assertEquals(List.of("r1 feedfeedfeed 42.5"), rows(db, "SELECT run_id || ' ' || machine_id || ' ' || value FROM v_samples"));
            assertEquals(List.of("r1 abc"), rows(db, "SELECT run_id || ' ' || token_hash FROM share_runs"));
            assertEquals(VIEWS, views(db));
        }
    }

    @Test
    void a_database_made_before_machines_is_adopted_by_running_every_migration_once() throws Exception {
        Path file = dir.resolve("before-011.duckdb");
        // the tables as probelab left them before 011 (and before versions were recorded), with one run
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            for (String m : Schema.MIGRATIONS) if (Schema.version(m) < 11) st.execute(Schema.resource(m));
            st.execute("INSERT INTO runs (run_id, job_id, runtime_id, go_version, project_size, status, started_at, cpu_model, "
                    + "cpu_cores, memory_bytes, os) VALUES ('r1', 'j1', 'native', '1.23.5', 'tiny', 'completed', "
                    + "TIMESTAMP '2025-01-01 00:00:00', 'EPYC', 2, 8000000000, 'Debian 12')");
        }
        try (Database db = Database.open(file)) {
            assertEquals(String.valueOf(Schema.MIGRATIONS.size()), rows(db, "SELECT count(*) FROM schema_migrations").get(0));
            assertEquals(List.of("machine-" + probelab.storage.machines.Machines.fingerprintId("EPYC", 2, 8_000_000_000L,
                    "Debian 12").substring(0, 6)), rows(db, "SELECT machine FROM v_runs"));
            assertEquals(VIEWS, views(db));
        }
    }

    @Test
    void each_view_is_defined_once_in_views_sql_and_no_migration_defines_one() throws Exception {
        Map<String, List<String>> definedIn = new LinkedHashMap<>();
        for (Path f : schemaFiles()) {
            Matcher m = VIEW.matcher(stripComments(Files.readString(f)));
            while (m.find()) definedIn.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(f.getFileName().toString());
        }
        assertEquals(VIEWS.keySet(), definedIn.keySet(), "the views the files define");
        definedIn.forEach((view, files) -> assertEquals(List.of(Schema.VIEWS), files, view + " is defined in " + files));
    }

    @Test
    void every_public_view_has_its_question_on_the_line_above() {
        Map<String, String> questions = SchemaViews.questions();
        for (String view : VIEWS.keySet()) {
            String q = questions.getOrDefault(view, "");
            assertFalse(q.isBlank() || q.startsWith("CREATE"), view + " has no one-line question above it: " + q);
        }
        assertTrue(questions.get("v_runs").endsWith("?"), questions.get("v_runs"));
    }

    @Test
    void the_migration_list_is_every_numbered_file_in_order() throws Exception {
        List<String> numbered = schemaFiles().stream().map(p -> p.getFileName().toString())
                .filter(n -> n.matches("\\d{3}_\\w+\\.sql")).sorted().toList();
        assertEquals(numbered, Schema.MIGRATIONS);
        List<Integer> versions = Schema.MIGRATIONS.stream().map(Schema::version).toList();
        assertEquals(versions.stream().sorted().distinct().toList(), versions, "numbers rise and none repeats");
    }

    @Test
    void a_new_database_has_the_views_and_columns_analysts_know() throws Exception {
        try (Database db = Database.open(dir.resolve("views.duckdb"))) {
            assertEquals(VIEWS, views(db));
            assertEquals(VIEWS.keySet().stream().filter(v -> !v.equals("v_shares")).toList(),
                    SchemaViews.publicViews(db).stream().map(SchemaViews.View::name).toList());
        }
    }

    /** The source files, not the build's copies: a file deleted from the source can linger in target/classes. */
    private static List<Path> schemaFiles() throws Exception {
        Path schema = TestEnv.root().resolve("app/main/resources/schema");
        try (Stream<Path> files = Files.list(schema)) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
    }

    private static String stripComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "");
    }

    private static Map<String, List<String>> views(String... nameColumns) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < nameColumns.length; i += 2) out.put(nameColumns[i], List.of(nameColumns[i + 1].split(", ")));
        return out;
    }

    /** Every view of the database (duckdb_views()) with its columns in order. */
    private static Map<String, List<String>> views(Database db) throws SQLException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String v : rows(db, "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name")) {
            out.put(v, columns(db, v));
        }
        return out;
    }

    private static List<String> columns(Database db, String table) throws SQLException {
        return rows(db, "SELECT column_name FROM information_schema.columns WHERE table_name = '" + table
                + "' ORDER BY ordinal_position");
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static List<String> rows(Database db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(String.valueOf(rs.getObject(1)));
        }
        return out;
    }
}
