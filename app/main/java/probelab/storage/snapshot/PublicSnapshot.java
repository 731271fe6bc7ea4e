package probelab.storage.snapshot;

import probelab.storage.db.Sql;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the public part of a snapshot into a file of its own, for the SQL sandbox: the tables that the public
 * views show anyway, {@code snapshot_meta}, and every {@code v_*} view except {@code v_shares}.
 *
 * <p>Why a file: whatever a DuckDB instance has attached, user SQL can name ({@code snapshot.shares},
 * {@code duckdb_tables()}, {@code information_schema}), and a view cannot outlive a DETACH of what it reads. So the
 * share tokens and notebook sources must not be in the file at all; a copy without them is the only way. Copying
 * rows, not the file with the private tables dropped: dropped rows would stay in the file's free blocks.
 */
final class PublicSnapshot {
    /** The tables the public views read, plus when the snapshot was taken. Nothing else is copied. */
    static final List<String> TABLES = List.of("samples", "runs", "run_tasks", "job_links", "metric_catalog", "published_claims",
            "snapshot_meta", "machines", "local_machine");
    /**
     * Views that show tables the snapshot does not copy (share tokens; the jobs table behind v_job_links), left out
     * quietly; any other view that reads one fails to bind in the copy and is left out with a warning.
     */
    static final Set<String> PRIVATE_VIEWS = Set.of("v_shares", "v_job_links");

    private PublicSnapshot() {
    }

    /**
     * Copies the public tables and views of the snapshot file {@code from} (finished, closed) into {@code to} (new).
     * {@code st} is on the live instance; the two files are attached under fresh names and detached again.
     */
    static void write(Statement st, Path from, Path to) throws SQLException {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        String src = "public_src_" + suffix;
        String dst = "public_dst_" + suffix;
        String previous = currentDatabase(st);
        st.execute("ATTACH " + Sql.literal(from) + " AS " + src + " (READ_ONLY)");
        try {
            st.execute("ATTACH " + Sql.literal(to) + " AS " + dst);
            try {
                // no transaction around the copy: nobody sees the file before it is renamed into place, and a
                // failed CREATE VIEW (see createViews) must not abort the others
                for (String table : TABLES) {
                    st.execute("CREATE TABLE " + dst + ".main." + Sql.identifier(table) + " AS FROM "
                            + src + ".main." + Sql.identifier(table));
                }
                // a view's SQL names its tables without a catalog: created while the copy is the default catalog,
                // it binds to the copy's tables, and keeps doing so wherever the file is attached later
                Map<String, String> views = views(st, src);
                st.execute("USE " + dst);
                try {
                    createViews(st, views);
                } finally {
                    st.execute("USE " + Sql.identifier(previous));
                }
            } finally {
                st.execute("DETACH " + dst); // checkpoints the copy and closes it
            }
        } finally {
            st.execute("DETACH " + src);
        }
    }

    /** The public views' definitions, by name. */
    private static Map<String, String> views(Statement st, String catalog) throws SQLException {
        Map<String, String> views = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT view_name, sql FROM duckdb_views() WHERE database_name = "
                + Sql.literal(catalog) + " AND schema_name = 'main' AND NOT internal AND starts_with(view_name, 'v_') "
                + "ORDER BY view_name")) {
            while (rs.next()) {
                if (!PRIVATE_VIEWS.contains(rs.getString(1))) views.put(rs.getString(1), rs.getString(2));
            }
        }
        return views;
    }

    /**
     * Creates the views in rounds, since one view may read another; a view that never binds reads a table that is
     * not public, and stays out of the copy.
     */
    private static void createViews(Statement st, Map<String, String> views) throws SQLException {
        Map<String, String> left = new LinkedHashMap<>(views);
        while (!left.isEmpty()) {
            List<String> created = new ArrayList<>();
            Map<String, String> errors = new LinkedHashMap<>();
            for (Map.Entry<String, String> v : left.entrySet()) {
                // a statement of its own: the driver closes a statement whose SQL failed
                try (Statement one = st.getConnection().createStatement()) {
                    one.execute(v.getValue());
                    created.add(v.getKey());
                } catch (SQLException e) {
                    errors.put(v.getKey(), e.getMessage());
                }
            }
            created.forEach(left::remove);
            if (created.isEmpty()) {
                System.err.println("probelab: views left out of the public snapshot (they read private tables): " + errors);
                return;
            }
        }
    }

    private static String currentDatabase(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
