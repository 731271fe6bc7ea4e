package probelab.storage.sandbox;

/**
 * How a sandboxed query ended. Apart from {@link #OK} and {@link #SETUP_FAILED}, the names are those of
 * {@code SqlRejectedException.Reason}, which the facade maps them to; they travel between processes as text.
 */
enum Status {
    /** Ran; the reply has columns and rows. */
    OK,
    EMPTY,
    SYNTAX,
    NOT_A_QUERY,
    MULTIPLE_STATEMENTS,
    TIMEOUT,
    FAILED,
    BUSY,
    /** The worker could not open or lock down the snapshot: the server's problem, not the query's. */
    SETUP_FAILED;

    /** The status a worker named; anything unknown (a confused or compromised worker) counts as a failure. */
    static Status parse(String name) {
        for (Status s : values()) {
            if (s.name().equals(name)) return s;
        }
        return FAILED;
    }
}
