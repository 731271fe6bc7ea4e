package probelab.storage.sandbox;

import java.util.List;

/**
 * The first frame of every message from a worker. {@code ready}: the worker has started and loaded DuckDB, nothing
 * else is set. Otherwise the answer to request {@code id}; with status OK a second frame follows holding the rows
 * as one JSON array. {@code retire}: the worker will not take another query (its heap ran out)
 * and must be replaced.
 */
record Header(boolean ready, long id, String status, String message, List<String> columnNames, List<String> columnTypes,
              boolean truncated, long elapsedMillis, String dataAsOf, boolean retire) {

    static Header readyNow() {
        return new Header(true, 0, null, null, List.of(), List.of(), false, 0, null, false);
    }
}
