package probelab.storage.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.duckdb.DuckDBDriver;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One query's life inside a worker: its own in-memory DuckDB instance, the public snapshot attached read-only, the
 * lock-down, the one-statement check, execution and a byte- and row-capped fetch.
 *
 * <p>The lock-down order matters: no spilling to a temp directory (it must be set before external access goes),
 * memory and thread limits, no extension autoload or autoinstall, {@code enable_external_access=false} (no COPY TO,
 * no read_csv/read_parquet/glob of paths, no ATTACH, no INSTALL/LOAD), and {@code lock_configuration=true} last, so
 * SET cannot undo any of it. Before anything runs, DuckDB's own parser ({@code json_serialize_sql}) must see exactly
 * one statement and it must be a query; the lock-down is the second wall behind that check, the process boundary
 * the third.
 */
final class QueryRunner {
    /** DuckDB's messages can quote the whole SQL back; the caller needs the first lines only. */
    private static final int MAX_MESSAGE_CHARS = 4000;

    private final Request request;
    private final ObjectMapper json;
    private volatile Statement running;
    private volatile boolean cancelled;

    QueryRunner(Request request, ObjectMapper json) {
        this.request = request;
        this.json = json;
    }

    /** What the worker sends back: the reply's header and, for a result, the rows as one JSON array. */
    record Outcome(Status status, String message, List<String> names, List<String> types, byte[] rows,
                   boolean truncated, long elapsedMillis, Instant dataAsOf) {
        static Outcome refused(Status status, String message) {
            String m = message == null ? "" : message;
            if (m.length() > MAX_MESSAGE_CHARS) m = m.substring(0, MAX_MESSAGE_CHARS) + " ...";
            return new Outcome(status, m, List.of(), List.of(), null, false, 0, null);
        }
    }

    Outcome run() {
        Properties props = new Properties();
        props.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true"); // fetch lazily: stop at the caps
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:", props); Statement st = c.createStatement()) {
            running = st;
            if (cancelled) return Outcome.refused(Status.TIMEOUT, "");
            Instant asOf;
            try {
                asOf = lockDown(st);
            } catch (SQLException e) {
                return Outcome.refused(Status.SETUP_FAILED, "cannot prepare the SQL sandbox on " + request.database()
                        + ": " + e.getMessage());
            }
            Outcome refusal = requireSingleQuery(c);
            if (refusal != null) return refusal;
            return execute(c, st, asOf);
        } catch (SQLException e) {
            return Outcome.refused(cancelled ? Status.TIMEOUT : Status.FAILED, e.getMessage());
        } catch (IOException e) {
            return Outcome.refused(Status.FAILED, "cannot encode the result: " + e.getMessage());
        } finally {
            running = null;
        }
    }

    /** The worker's own watchdog: asks DuckDB to stop; the server kills the worker if DuckDB does not listen. */
    void cancel() {
        cancelled = true;
        Statement st = running;
        if (st == null) return;
        try {
            st.cancel();
        } catch (SQLException e) {
            // finished or closed meanwhile: nothing to cancel
        }
    }

    private Instant lockDown(Statement st) throws SQLException {
        st.execute("ATTACH " + ByteCappedQuery.literal(request.database()) + " AS " + Request.CATALOG + " (READ_ONLY)");
        st.execute("USE " + Request.CATALOG);
        st.execute("SET temp_directory = ''"); // no spilling: a query too big for memory_limit fails, writes nothing
        st.execute("SET memory_limit = " + ByteCappedQuery.literal(request.memoryLimit()));
        st.execute("SET threads = " + request.threads());
        st.execute("SET autoinstall_known_extensions = false");
        st.execute("SET autoload_known_extensions = false");
        st.execute("SET allow_community_extensions = false");
        st.execute("SET enable_external_access = false");
        st.execute("SET lock_configuration = true");
        try (ResultSet rs = st.executeQuery("SELECT max(taken_at) FROM snapshot_meta")) {
            Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
            return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        } catch (SQLException e) {
            return null; // a snapshot made by something else: no snapshot_meta
        }
    }

    /** DuckDB's parser decides: exactly one statement, and a query. Nothing has run when this refuses. */
    private Outcome requireSingleQuery(Connection c) throws SQLException, IOException {
        JsonNode parsed;
        try (PreparedStatement ps = c.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            running = ps;
            ps.setString(1, request.sql());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                parsed = json.readTree(rs.getString(1));
            }
        }
        if (parsed.path("error").asBoolean(false)) {
            String type = parsed.path("error_type").asText("");
            String message = parsed.path("error_message").asText("");
            if (type.equals("parser")) return Outcome.refused(Status.SYNTAX, "syntax error: " + message);
            if (type.equals("not implemented")) {
                return Outcome.refused(Status.NOT_A_QUERY, "only one read-only query is allowed (SELECT, WITH, FROM, "
                        + "VALUES, DESCRIBE, SHOW, SUMMARIZE); this SQL has a statement that is not a query");
            }
            return Outcome.refused(Status.SYNTAX, message.isEmpty() ? "DuckDB cannot parse this SQL" : message);
        }
        int statements = parsed.path("statements").size();
        if (statements == 0) return Outcome.refused(Status.EMPTY, "no statement to run (only comments or semicolons)");
        if (statements > 1) {
            return Outcome.refused(Status.MULTIPLE_STATEMENTS, "exactly one statement is allowed; found " + statements);
        }
        return null;
    }

    private Outcome execute(Connection c, Statement st, Instant asOf) throws SQLException, IOException {
        long t0 = System.nanoTime();
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        // binding only, nothing runs: the names and types as the user's own SQL has them (duplicates included)
        try (PreparedStatement ps = c.prepareStatement(request.sql())) {
            running = ps;
            ResultSetMetaData md = ps.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnLabel(i));
                types.add(md.getColumnTypeName(i));
            }
        }
        running = st;
        int n = names.size();
        // the estimate may be off either way; twice the cap bounds what reaches Java, the exact cap is applied below
        String wrapped = ByteCappedQuery.wrap(request.sql(), types, 2 * request.maxBytes());
        JsonFactory factory = json.getFactory();
        CappedBuffer out = new CappedBuffer((int) Math.min(Integer.MAX_VALUE - 16, request.maxBytes()));
        boolean truncated = false;
        int count = 0;
        out.write('[');
        try (ResultSet rs = st.executeQuery(wrapped)) {
            while (rs.next()) {
                if (count == request.maxRows() || rs.getLong(n + 1) > 2 * request.maxBytes()) {
                    truncated = true;
                    break;
                }
                int mark = out.size();
                try {
                    if (count > 0) out.write(',');
                    try (JsonGenerator g = factory.createGenerator(out)) {
                        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                        g.writeStartArray();
                        for (int i = 1; i <= n; i++) ValueCodec.write(g, ValueCodec.plain(rs.getObject(i)));
                        g.writeEndArray();
                    }
                    if (out.size() + 1 > request.maxBytes()) throw new CappedBuffer.Full(); // room for the ']'
                } catch (CappedBuffer.Full e) {
                    out.truncate(mark);
                    truncated = true;
                    break;
                }
                count++;
            }
        }
        out.write(']');
        return new Outcome(Status.OK, null, names, types, out.toByteArray(), truncated,
                (System.nanoTime() - t0) / 1_000_000, asOf);
    }
}
