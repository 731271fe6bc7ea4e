package probelab.storage.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schema as ordered SQL in {@code app/main/resources/schema/}: numbered table migrations ({@code NNN_name.sql}),
 * each applied once, in order, in a transaction of its own, and recorded in {@code schema_migrations}; then every view,
 * from {@code views.sql}, re-created at every open.
 *
 * <p>Views apart and last: DuckDB binds a view's columns ({@code SELECT r.*}) when the view is created, so a view must
 * be re-created after any migration that changes a table it reads, and it must say what the running code means;
 * re-creating all of them takes milliseconds. A migration creates no view (SchemaFilesTest checks).
 *
 * <p>A database from before versions were recorded (all its tables, no {@code schema_migrations}) is adopted by running
 * every migration once more and recording it: 001 to 011 ran at every open then, so each is idempotent and leaves a
 * database that has it as it was. From 012 on a migration runs exactly once and need not be idempotent.
 */
final class Schema {
    /** The table migrations in the order they apply; the number is the version. 002 held the first views: retired. */
    static final List<String> MIGRATIONS = List.of("001_tables.sql", "003_published_claims.sql",
            "004_shares_notebooks.sql", "005_share_token_hashes.sql", "006_engine_config.sql", "007_diagnostics.sql",
            "008_sampling.sql", "009_job_links.sql", "010_scenarios.sql", "011_machines.sql", "012_foreign_load.sql",
            "013_steal_ticks.sql");
    /** Every view, each defined once; applied after the migrations at every open. */
    static final String VIEWS = "views.sql";

    /** Which migrations a database has; made in Java because it must exist before any migration is looked up. */
    private static final String VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER PRIMARY KEY,       -- the file's number
                name        VARCHAR NOT NULL,          -- the file, e.g. 011_machines.sql
                applied_at  TIMESTAMP NOT NULL         -- UTC
            )""";

    private Schema() {
    }

    /** Brings the database on {@code conn} up to date: the migrations it lacks, then the views. */
    static void apply(Connection conn, java.nio.file.Path file) throws SQLException {
        // read before anything is created: a file this version must refuse is left exactly as it was
        Set<Integer> applied = hasVersionTable(conn) ? applied(conn) : Set.of();
        Set<Integer> unknown = new TreeSet<>(applied);
        MIGRATIONS.forEach(m -> unknown.remove(version(m)));
        if (!unknown.isEmpty()) {
            // a newer probelab's tables would be read through this version's views as if they were these
            throw UnusableDatabaseException.newer(file, unknown, version(MIGRATIONS.get(MIGRATIONS.size() - 1)));
        }
        try (Statement st = conn.createStatement()) {
            st.execute(VERSION_TABLE);
        }
        for (String name : MIGRATIONS) {
            int version = version(name);
            if (applied.contains(version)) continue;
            String sql = resource(name);
            run(conn, name, c -> {
                execute(c, sql);
                Writes.update(c, "INSERT INTO schema_migrations VALUES (?, ?, ?)", version, name, Writes.timestamp(Instant.now()));
                return null;
            });
        }
        String views = resource(VIEWS);
        run(conn, VIEWS, c -> {
            execute(c, views);
            return null;
        });
    }

    private static boolean hasVersionTable(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement(); var rs = st.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'")) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    /** The versions recorded in the database, in order. */
    static Set<Integer> applied(Connection conn) throws SQLException {
        Set<Integer> out = new TreeSet<>();
        try (Statement st = conn.createStatement(); var rs = st.executeQuery("SELECT version FROM schema_migrations")) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }

    /** {@code 011_machines.sql} -> 11. */
    static int version(String migration) {
        return Integer.parseInt(migration.substring(0, migration.indexOf('_')));
    }

    /** The text of a schema file from the class path. */
    static String resource(String name) {
        try (InputStream in = Schema.class.getResourceAsStream("/schema/" + name)) {
            if (in == null) throw new StorageException("schema file missing from the build: " + name, null);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Connection conn, String name, Writes.Work<Void> work) {
        try {
            Writes.inTransaction(conn, work);
        } catch (SQLException e) {
            throw new StorageException("cannot apply schema/" + name + ": " + e.getMessage(), e);
        }
    }

    private static void execute(Connection conn, String sql) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }
}
