package probelab.web.common;

import io.javalin.http.Context;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every CSV the server sends goes through here, so it has one format and one formula-injection policy.
 *
 * <p>Format: RFC 4180 quoting (commons-csv), {@code \n} line ends, an empty field for null, and {@code # ...}
 * comment lines for notes such as truncation.
 *
 * <p>Policy (OWASP "CSV injection"): a text cell that starts with {@code = + - @}, a tab or a carriage return gets a
 * leading apostrophe, so a spreadsheet shows it as text instead of running it as a formula. Numbers and booleans
 * are written as they are: a negative number has to stay a number to be of any use, and a value the server typed as
 * a number cannot carry a formula. Header names are text and follow the same rule.
 */
public final class CsvWriter implements Closeable {
    /** The format written, and the one to read it back with. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator('\n')
            .setCommentMarker('#')
            .get();
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final CSVPrinter printer;

    public CsvWriter(Appendable out) {
        try {
            this.printer = new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A CSV download streamed into the response: sets the content type and the attachment filename. Call it once the
     * data is in hand, since an error after the first byte can no longer change the status.
     */
    public static CsvWriter download(Context ctx, String filename) {
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        return new CsvWriter(new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 1 << 16));
    }

    /** One record; each value is a cell as {@link #cell} makes it. */
    public CsvWriter row(List<?> values) {
        List<Object> cells = new ArrayList<>(values.size());
        for (Object v : values) cells.add(cell(v));
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CsvWriter row(Object... values) {
        return row(java.util.Arrays.asList(values));
    }

    /** A {@code # note} line. */
    public CsvWriter comment(String note) {
        try {
            printer.printComment(note);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A Tablesaw table: its column names, then its rows; numeric and boolean columns are numbers, missing is empty. */
    public CsvWriter table(Table t) {
        row(t.columnNames());
        List<Column<?>> columns = t.columns();
        for (int r = 0; r < t.rowCount(); r++) {
            List<Object> cells = new ArrayList<>(columns.size());
            for (Column<?> c : columns) {
                String s = c.isMissing(r) ? null : c.getUnformattedString(r);
                cells.add(s != null && typed(c) ? new Typed(s) : s);
            }
            row(cells);
        }
        return this;
    }

    /**
     * The cell for a value: null is empty, a {@link Number} or {@link Boolean} is written as it is, anything else is
     * text and goes through {@link #text}.
     */
    static Object cell(Object v) {
        if (v == null) return null;
        if (v instanceof Number || v instanceof Boolean) return v;
        if (v instanceof Typed t) return t.value();
        return text(v.toString());
    }

    /** Text as a spreadsheet will not evaluate it: a leading apostrophe before a formula's first character. */
    public static String text(String s) {
        if (s == null || s.isEmpty()) return s;
        return FORMULA_STARTS.indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    private static boolean typed(Column<?> c) {
        return c instanceof tech.tablesaw.api.NumericColumn<?> || c instanceof tech.tablesaw.api.BooleanColumn;
    }

    /** A number or boolean already rendered as text by its column. */
    private record Typed(String value) {
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
