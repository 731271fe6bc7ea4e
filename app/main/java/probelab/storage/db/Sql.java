package probelab.storage.db;

import java.nio.file.Path;

/** Quoting for the few places where DuckDB takes no bind parameter: file paths in ATTACH and COPY, catalog names. */
public final class Sql {
    private Sql() {
    }

    /** A single-quoted SQL string literal. */
    public static String literal(String s) {
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("NUL character in SQL literal");
        return "'" + s.replace("'", "''") + "'";
    }

    /** An absolute path as a SQL string literal. */
    public static String literal(Path p) {
        return literal(p.toAbsolutePath().normalize().toString());
    }

    /** A double-quoted SQL identifier. */
    public static String identifier(String s) {
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("NUL character in SQL identifier");
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
