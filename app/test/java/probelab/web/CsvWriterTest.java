package probelab.web;

import probelab.web.common.CsvWriter;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one CSV format and formula-injection policy of every CSV the server sends. */
class CsvWriterTest {
    private static String write(java.util.function.Consumer<CsvWriter> rows) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = new CsvWriter(out)) {
            rows.accept(csv);
        }
        return out.toString();
    }

    private static List<List<String>> read(String csv) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(csv, CsvWriter.FORMAT)) {
            for (CSVRecord r : p) out.add(r.toList());
        }
        return out;
    }

    @Test
    void a_text_cell_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe() throws IOException {
        String csv = write(w -> w.row("=HYPERLINK(\"http://evil\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "plain", "a=b"));
        assertEquals(List.of(List.of("'=HYPERLINK(\"http://evil\",\"x\")", "'+1+2", "'-2+3", "'@SUM(A1)", "'\tcmd", "'\rcmd",
                "plain", "a=b")), read(csv));
    }

    @Test
    void a_negative_number_stays_a_number_while_the_same_text_is_neutralised() throws IOException {
        String csv = write(w -> w.row(-3.5, -7, -12L, true, "-3.5"));
        assertEquals("-3.5,-7,-12,true,'-3.5\n", csv);
        assertEquals(List.of(List.of("-3.5", "-7", "-12", "true", "'-3.5")), read(csv));
    }

    @Test
    void quotes_commas_and_line_breaks_round_trip_through_commons_csv_parsing() throws IOException {
        List<String> tricky = List.of("say \"hi\"", "a,b", "one\ntwo", "crlf\r\ninside", "", "# not a comment", "'already quoted");
        String csv = write(w -> w.row(tricky).row("x", null));
        assertEquals(List.of(tricky, List.of("x", "")), read(csv));
    }

    @Test
    void a_note_is_a_comment_line_that_a_reader_skips() throws IOException {
        String csv = write(w -> w.row("n").row(1).comment("truncated after 1 rows"));
        assertTrue(csv.endsWith("\n# truncated after 1 rows\n"), csv);
        assertEquals(List.of(List.of("n"), List.of("1")), read(csv));
    }

    @Test
    void a_tablesaw_table_keeps_its_numbers_and_neutralises_its_text() throws IOException {
        DoubleColumn ratio = DoubleColumn.create("ratio", -0.25);
        ratio.appendMissing();
        Table t = Table.create("t", StringColumn.create("runtime", "=cmd()", "docker"), ratio);
        assertEquals(List.of(List.of("runtime", "ratio"), List.of("'=cmd()", "-0.25"), List.of("docker", "")),
                read(write(w -> w.table(t))));
    }
}
