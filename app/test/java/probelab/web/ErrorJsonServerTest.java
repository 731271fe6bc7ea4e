package probelab.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.storage.notebooks.Notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.get;
import static probelab.web.Http.json;
import static probelab.web.Http.postJson;

/** Errors as JSON come from one place (ErrorMapping), whichever route refused the request. */
class ErrorJsonServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();
    static Notebooks notebooks;

    @BeforeAll
    static void takeSnapshot() {
        notebooks = app.notebooksOnSnapshot();
    }

    @Test
    void refused_sql_in_a_notebook_cells_json_is_the_same_error_json_as_the_sql_api_with_its_reason() {
        Notebooks.Notebook nb = notebooks.create("refused");
        Notebooks.Cell cell = notebooks.addCell(nb.id(), Notebooks.SQL, "DROP TABLE samples");
        JavalinTest.test(app.freshApp(), (server, client) -> {
            JsonNode cellError = json(expect(400, get(client, "/notebooks/" + nb.id() + "/cells/" + cell.id() + ".json")));
            JsonNode apiError = json(expect(400, postJson(client, "/api/sql", "{\"sql\": \"DROP TABLE samples\"}")));
            for (JsonNode body : new JsonNode[] {cellError, apiError}) {
                assertEquals(400, body.get("status").asInt(), body.toString());
                assertEquals("Bad request", body.get("error").asText());
                assertEquals("not_a_query", body.get("reason").asText());
                assertTrue(body.get("message").asText().length() > 5, body.toString());
            }
            assertEquals(cellError, apiError, "the same SQL is refused with the same JSON on both routes");
        });
    }

    private static Response expect(int status, Response r) {
        assertEquals(status, r.code());
        return r;
    }
}
