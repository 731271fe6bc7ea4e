package probelab.storage.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * What became of a {@link Request}. With {@link Status#OK}: column names and DuckDB type names, at most
 * {@code maxRows} rows of at most {@code maxBytes} encoded bytes, {@code truncated} when either cap cut the result.
 * Otherwise {@code message} says why, in words, and the lists are empty.
 */
record Reply(Status status, String message, List<String> columnNames, List<String> columnTypes,
             List<List<Object>> rows, boolean truncated, long elapsedMillis, Instant dataAsOf) {

    static Reply refused(Status status, String message) {
        return new Reply(status, message, List.of(), List.of(), List.of(), false, 0, null);
    }
}
