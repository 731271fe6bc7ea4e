package probelab.web;

import probelab.web.common.Paths;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import probelab.Config;
import probelab.Probelab;
import probelab.storage.db.Database;
import probelab.storage.notebooks.Notebooks;
import probelab.storage.samples.SampleStore;
import probelab.storage.shares.Shares;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.body;
import static probelab.web.Http.get;
import static probelab.web.Http.json;

/** What the database keeps of a share link: a hash of its token, never the token; in copies and in old databases. */
class ShareStoreTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    @TempDir
    Path dir;

    /** The layout of shares and share_runs before tokens were hashed, as schema 004 first made it. */
    static final String OLD_LAYOUT = """
            CREATE TABLE shares (token VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, notebook_id VARCHAR,
                                 query VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, revoked_at TIMESTAMP);
            CREATE TABLE share_runs (token VARCHAR NOT NULL, run_id VARCHAR NOT NULL);
            CREATE VIEW v_shares AS
            SELECT s.token, s.kind, s.notebook_id, s.query, s.created_at, s.revoked_at, s.revoked_at IS NULL AS active,
                   (SELECT count(*) FROM share_runs r WHERE r.token = s.token) AS frozen_runs
            FROM shares s;
            """;

    /** Every value of every VARCHAR column of shares and share_runs. */
    static List<String> storedStrings(Database db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name || '.' || column_name FROM information_schema.columns "
                    + "WHERE table_name IN ('shares', 'share_runs') AND data_type = 'VARCHAR'")) {
                while (rs.next()) columns.add(rs.getString(1));
            }
            assertTrue(columns.size() >= 6, "the scan sees the tables' text columns: " + columns);
            for (String column : columns) {
                String table = column.substring(0, column.indexOf('.'));
                String name = column.substring(column.indexOf('.') + 1);
                try (ResultSet rs = st.executeQuery("SELECT DISTINCT \"" + name + "\" FROM " + table
                        + " WHERE \"" + name + "\" IS NOT NULL")) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Every value of every row {@code sql} returns, as text. */
    static List<String> values(Database db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) out.add(String.valueOf(rs.getObject(i)));
            }
        }
        return out;
    }

    static List<String> columns(Database db, String table) throws SQLException {
        return values(db, "SELECT column_name FROM information_schema.columns WHERE table_name = '" + table
                + "' ORDER BY ordinal_position");
    }

    static boolean fileContains(Path file, String text) throws IOException {
        return Files.exists(file) && new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
    }

    static String token(String link) {
        return link.substring("/r/".length());
    }

    @Test
    void the_database_holds_no_token_after_report_and_notebook_links_are_made() {
        Notebooks.Notebook nb = new Notebooks(app.probelab().store().database()).create("hashed");
        JavalinTest.test(app.freshApp(), (server, client) -> {
            List<String> tokens = List.of(token(ShareServerTest.createLink(client, "go=1.21")),
                    token(ShareServerTest.notebookLink(client, nb.id())));
            Database db = app.probelab().store().database();
            List<String> stored = storedStrings(db);
            for (String token : tokens) {
                assertTrue(stored.stream().noneMatch(v -> v.contains(token)), "no column holds the token " + token);
                assertTrue(stored.contains(Shares.tokenHash(token)), "the link is known by its token's hash");
                assertEquals(200, get(client, "/r/" + token).code(), "and the link works");
            }
            List<String> view = columns(db, "v_shares");
            assertTrue(view.contains("id") && !view.contains("token") && !view.contains("token_hash"), view.toString());
        });
    }

    @Test
    void a_copied_database_file_holds_no_token_and_nothing_in_it_opens_a_link() throws Exception {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            String token = token(ShareServerTest.createLink(client, "runtime=native"));
            app.probelab().snapshot().refresh();
            Path live = app.probelab().config().dbFile();
            Path copy = dir.resolve("copy.duckdb");
            Files.copy(live, copy);
            Path wal = live.resolveSibling(live.getFileName() + ".wal");
            if (Files.exists(wal)) Files.copy(wal, dir.resolve("copy.duckdb.wal"));

            for (Path file : List.of(copy, dir.resolve("copy.duckdb.wal"), app.probelab().snapshot().file())) {
                assertFalse(fileContains(file, token), "the token's bytes are not in " + file.getFileName());
            }
            Set<String> candidates = new LinkedHashSet<>();
            try (Database opened = Database.open(copy)) {
                candidates.addAll(storedStrings(opened));
                candidates.addAll(values(opened, "SELECT * FROM v_shares"));
            }
            assertTrue(candidates.contains(Shares.tokenHash(token)), "the copy has the link, by hash");
            for (String candidate : candidates) {
                assertEquals(404, get(client, "/r/" + Paths.enc(candidate)).code(), "/r/" + candidate + " opens nothing");
            }
            assertEquals(200, get(client, "/r/" + token).code(), "while the token itself works");
        });
    }

    @Test
    void an_old_database_with_plaintext_tokens_is_converted_and_its_urls_keep_working() throws Exception {
        Path file = dir.resolve("old.duckdb");
        String kept = "OldPlaintextToken_0123ab";
        String revoked = "OldRevokedToken-9876zyxw";
        // a database as probelab wrote it before tokens were hashed: measurements, and links stored by their token
        try (Database db = Database.open(file); Connection c = db.connect(); Statement st = c.createStatement()) {
            TestApp.handmade(new SampleStore(db));
            // (a database of then also has no record of its migrations: opening it runs them all once)
            st.execute("DROP VIEW v_shares; DROP TABLE shares; DROP TABLE share_runs; DROP SEQUENCE share_ids; "
                    + "DROP TABLE schema_migrations;");
            st.execute(OLD_LAYOUT);
            st.execute("INSERT INTO shares VALUES ('" + kept + "', 'report', NULL, 'runtime=native', TIMESTAMP '2025-02-01 10:00:00', NULL), "
                    + "('" + revoked + "', 'report', NULL, '', TIMESTAMP '2025-02-02 10:00:00', TIMESTAMP '2025-02-03 10:00:00')");
            st.execute("INSERT INTO share_runs SELECT '" + kept + "', run_id FROM runs");
            st.execute("INSERT INTO share_runs SELECT '" + revoked + "', run_id FROM runs");
            assertEquals(List.of("2"), values(db, "SELECT count(*) FROM shares"));
        }

        Path root = Path.of(System.getProperty("probelab.root", ".")).toAbsolutePath();
        try (Probelab upgraded = new Probelab(new Config(root, dir.resolve("var"), file))) {
            Database db = upgraded.store().database();
            for (String token : List.of(kept, revoked)) {
                assertTrue(values(db, "SELECT * FROM shares").stream().noneMatch(v -> v.contains(token)), "shares holds no token");
                assertTrue(storedStrings(db).stream().noneMatch(v -> v.contains(token)), "no text column holds one");
            }
            assertFalse(columns(db, "shares").contains("token"), columns(db, "shares").toString());
            assertEquals(Set.of("token_hash", "run_id"), Set.copyOf(columns(db, "share_runs")));

            WebServer web = upgraded.web(new WebOptions("127.0.0.1", 0, false, false, List.of()));
            JavalinTest.test(web.app(), (server, client) -> {
                Response page = get(client, "/r/" + kept);
                assertEquals(200, page.code());
                assertTrue(body(page).contains("read-only shared view"));
                assertEquals(8, ShareServerTest.rttN(client, "/r/" + kept + "/cells/rtt.json", "native"), "its frozen runs");
                assertEquals(0, ShareServerTest.rttN(client, "/r/" + kept + "/cells/rtt.json", "docker"), "and its query");
                assertEquals(404, get(client, "/r/" + revoked).code(), "a revoked link stays revoked");
                JsonNode list = json(get(client, "/api/shares"));
                assertEquals(2, list.size());
                assertEquals(2, list.get(0).get("id").asLong(), "ids in the order the links were made, newest first");
                assertEquals(1, list.get(1).get("id").asLong());
                assertEquals(2, list.get(1).get("frozenRuns").asLong());
                // the sequence goes on after the converted links
                String made = token(ShareServerTest.createLink(client, ""));
                assertEquals(3, json(get(client, "/api/shares")).get(0).get("id").asLong());
                assertEquals(200, get(client, "/r/" + made).code());
            });
        }
        // a second open changes nothing
        try (Database db = Database.open(file)) {
            Shares shares = new Shares(db);
            assertEquals(1, shares.active(kept).orElseThrow().id());
            assertEquals(2, shares.active(kept).orElseThrow().frozenRuns());
            assertTrue(shares.find(revoked).isPresent() && shares.active(revoked).isEmpty());
            assertEquals(3, shares.list().size());
        }
    }
}
