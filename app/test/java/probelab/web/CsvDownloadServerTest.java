package probelab.web;

import probelab.web.common.CsvWriter;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import probelab.storage.notebooks.Notebooks;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static probelab.web.Http.body;
import static probelab.web.Http.get;

/** CSV downloads as a client sees them, from a real server over a real DuckDB file. */
class CsvDownloadServerTest {
    @RegisterExtension
    static final TestApp app = TestApp.seeded();
    static Notebooks notebooks;

    @BeforeAll
    static void takeSnapshot() {
        notebooks = app.notebooksOnSnapshot();
    }

    static List<List<String>> records(String csv) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(csv, CsvWriter.FORMAT)) {
            for (CSVRecord r : p) out.add(r.toList());
        }
        return out;
    }

    @Test
    void a_notebook_cells_csv_neutralises_formulas_keeps_negative_numbers_and_round_trips_quotes_and_line_breaks() {
        Notebooks.Notebook nb = notebooks.create("csv policy");
        Notebooks.Cell cell = notebooks.addCell(nb.id(), Notebooks.SQL, "SELECT '=HYPERLINK(\"http://evil\",\"x\")' AS \"=link\", "
                + "-2.5 AS delta, 'a,\"b\"' || chr(10) || 'c' AS tricky, '-1' AS text_minus");
        JavalinTest.test(app.freshApp(), (server, client) -> {
            Response r = get(client, "/notebooks/" + nb.id() + "/cells/" + cell.id() + ".csv");
            assertEquals(200, r.code());
            assertTrue(r.headers().get("Content-Type").get(0).startsWith("text/csv"));
            assertEquals(List.of(List.of("'=link", "delta", "tricky", "text_minus"),
                    List.of("'=HYPERLINK(\"http://evil\",\"x\")", "-2.5", "a,\"b\"\nc", "'-1")), records(body(r)));
        });
    }
}
