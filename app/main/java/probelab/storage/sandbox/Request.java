package probelab.storage.sandbox;

/**
 * One query for a worker: the SQL, the database file to read (attached read-only) and the limits it runs under.
 * {@code memoryLimit} is a DuckDB size such as {@code 512MB}, already validated by the caller.
 */
record Request(String sql, String database, long timeoutMillis, int maxRows, long maxBytes, String memoryLimit,
               int threads) {
    /** The catalog name the database is attached under, and the default one (so {@code FROM v_samples} works). */
    public static final String CATALOG = "snapshot";
}
