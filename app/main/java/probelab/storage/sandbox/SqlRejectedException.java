package probelab.storage.sandbox;

/**
 * User SQL that the sandbox refused, stopped or could not run; the message says why in words a person can act on.
 * An IllegalArgumentException, so the CLI and the web layer report it as bad input (exit 2, HTTP 400);
 * {@link Reason#BUSY} is the one a web layer may prefer to answer with 429/503.
 */
public final class SqlRejectedException extends IllegalArgumentException {
    public enum Reason {
        /** Nothing to run: blank, or only comments. */
        EMPTY,
        /** Longer than the sandbox accepts. */
        TOO_LONG,
        /** DuckDB's parser refused it. */
        SYNTAX,
        /** A statement other than a read-only query (COPY, ATTACH, SET, PRAGMA, INSTALL, CREATE, INSERT, ...). */
        NOT_A_QUERY,
        /** More than one statement. */
        MULTIPLE_STATEMENTS,
        /** Ran past the time limit and was cancelled. */
        TIMEOUT,
        /** DuckDB refused or failed while running it (permission, missing table, out of memory, ...). */
        FAILED,
        /** Too many queries are running already. */
        BUSY
    }

    private final Reason reason;

    public SqlRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
