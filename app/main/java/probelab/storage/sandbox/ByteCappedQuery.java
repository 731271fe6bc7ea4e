package probelab.storage.sandbox;

import java.util.List;
import java.util.Map;

/**
 * Wraps user SQL so that DuckDB itself stops handing over values once a result is big enough.
 *
 * <p>Why: the JDBC driver turns a whole chunk of up to 2048 rows into Java objects at once, so
 * {@code SELECT repeat('x', 10000000) FROM range(60)} would put 600 MB on the Java heap before the first row could
 * be counted. The wrapper runs the query through {@code query('...')} (the text as a literal: no comment or
 * semicolon in it can escape), keeps a running total of each row's approximate encoded size in a streaming window
 * (order-preserving, nothing is buffered), and replaces every value with NULL once that total passes the cap. The
 * reader stops at the first such row. The estimate only has to bound memory; the exact byte cap is applied to the
 * encoded rows afterwards.
 */
final class ByteCappedQuery {
    /**
     * Upper bounds of the encoded size of a value of a fixed-size type, tag and comma included (a BIGINT is
     * {@code {"L":-9223372036854775808},}). Constants, not casts: measuring each number's text would cost as much
     * as the rest of the query for a wide result.
     */
    private static final Map<String, Integer> FIXED = Map.ofEntries(
            Map.entry("BOOLEAN", 6), Map.entry("TINYINT", 14), Map.entry("UTINYINT", 14), Map.entry("SMALLINT", 14),
            Map.entry("USMALLINT", 14), Map.entry("INTEGER", 14), Map.entry("UINTEGER", 28), Map.entry("BIGINT", 28),
            Map.entry("UBIGINT", 30), Map.entry("HUGEINT", 50), Map.entry("UHUGEINT", 50), Map.entry("FLOAT", 24),
            Map.entry("DOUBLE", 26), Map.entry("DATE", 16), Map.entry("TIME", 20), Map.entry("TIME WITH TIME ZONE", 28),
            Map.entry("TIMESTAMP", 32), Map.entry("TIMESTAMP_S", 32), Map.entry("TIMESTAMP_MS", 32),
            Map.entry("TIMESTAMP_NS", 36), Map.entry("TIMESTAMP WITH TIME ZONE", 40), Map.entry("INTERVAL", 48),
            Map.entry("UUID", 40),
            // a binary value is shown as "(N bytes)", never as its bytes
            Map.entry("BLOB", 24), Map.entry("BIT", 24));

    private ByteCappedQuery() {
    }

    /**
     * The wrapped query: the user's columns in order (named c1, c2, ...: callers take the names from the query
     * itself), then one BIGINT column, the running size estimate up to and including that row.
     *
     * @param types the DuckDB type name of each column of {@code sql}, in order
     */
    static String wrap(String sql, List<String> types, long estimateCap) {
        int n = types.size();
        StringBuilder aliases = new StringBuilder();
        // a flat list, not a chain of +: a chain over a thousand columns would pass DuckDB's expression depth limit
        StringBuilder size = new StringBuilder("list_sum([3"); // 3: the row's brackets and comma
        StringBuilder select = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String c = "c" + (i + 1);
            if (i > 0) aliases.append(", ");
            aliases.append(c);
            size.append(", ").append(valueSize(c, types.get(i)));
            select.append("CASE WHEN pl_bytes <= ").append(estimateCap).append(" THEN ").append(c).append(" END AS ")
                    .append(c).append(", ");
        }
        size.append("])");
        return "SELECT " + select + "pl_bytes FROM (SELECT *, CAST(sum(" + size + ") OVER "
                + "(ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS pl_bytes FROM query("
                + literal(sql) + ") AS pl_q(" + aliases + "))";
    }

    /** Roughly the JSON size of one value: its text, plus quotes, a comma or a type tag. */
    private static String valueSize(String column, String type) {
        Integer fixed = FIXED.get(type);
        if (fixed != null) return fixed.toString();
        if (type.startsWith("DECIMAL")) return "50";
        if (type.equals("VARCHAR")) return "coalesce(strlen(" + column + "), 0) + 3";
        return "coalesce(strlen(CAST(" + column + " AS VARCHAR)), 0) + 8"; // lists, structs, maps, enums, ...
    }

    static String literal(String s) {
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("NUL character in SQL literal");
        return "'" + s.replace("'", "''") + "'";
    }
}
