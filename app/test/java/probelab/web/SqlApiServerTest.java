package probelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.json;
import static probelab.web.Http.postJson;

/** POST /api/sql: one read-only query on the snapshot; refused SQL is a 400 with the reason. */
class SqlApiServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();

    @BeforeAll
    static void takeSnapshot() {
        // the SQL runs on the snapshot, not the live database
        app.probelab().snapshot().refresh();
    }

    @Test
    void a_query_returns_its_columns_rows_and_no_truncation() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = postJson(client, "/api/sql", "{\"sql\": \"SELECT runtime, count(*) AS n FROM v_samples WHERE job_id = '"
                    + TestApp.HANDMADE_JOB + "' GROUP BY runtime ORDER BY runtime\"}");
            assertEquals(200, r.code());
            JsonNode body = json(r);
            assertEquals("runtime", body.get("columns").get(0).get("name").asText());
            assertEquals("n", body.get("columns").get(1).get("name").asText());
            assertEquals("docker", body.get("rows").get(0).get(0).asText());
            assertEquals(17, body.get("rows").get(0).get(1).asInt());
            assertEquals("native", body.get("rows").get(1).get(0).asText());
            assertFalse(body.get("truncated").asBoolean());
        });
    }

    @Test
    void hostile_or_broken_sql_is_a_400_with_the_reason_and_changes_nothing() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Path target = app.dir().resolve("leak.csv");
            Response copy = postJson(client, "/api/sql", "{\"sql\": \"COPY (SELECT 1) TO '" + target + "'\"}");
            assertEquals(400, copy.code());
            assertEquals("not_a_query", json(copy).get("reason").asText());
            assertFalse(Files.exists(target));
            Response drop = postJson(client, "/api/sql", "{\"sql\": \"SELECT 1; DROP TABLE samples\"}");
            assertEquals(400, drop.code());
            Response syntax = postJson(client, "/api/sql", "{\"sql\": \"SELEC nonsense\"}");
            assertEquals(400, syntax.code());
            assertTrue(json(syntax).get("message").asText().length() > 5);
            assertEquals(400, postJson(client, "/api/sql", "{\"query\": \"SELECT 1\"}").code());
            assertEquals(400, postJson(client, "/api/sql", "not json").code());
            assertTrue(app.probelab().store().recentJobs(10).size() >= 1, "samples and jobs still there");
        });
    }

    @Test
    void a_huge_result_is_cut_at_the_row_cap_and_marked_truncated() {
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = postJson(client, "/api/sql", "{\"sql\": \"SELECT * FROM range(1000000)\"}");
            assertEquals(200, r.code());
            JsonNode body = json(r);
            assertTrue(body.get("truncated").asBoolean());
            assertEquals(10_000, body.get("rows").size());
            assertEquals(10_000, body.get("maxRows").asInt());
        });
    }
}
