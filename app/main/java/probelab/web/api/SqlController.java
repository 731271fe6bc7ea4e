package probelab.web.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import probelab.storage.SqlRejectedException;
import probelab.storage.SqlSandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** POST /api/sql {"sql": "..."}: one read-only query on the snapshot, in the locked-down sandbox. */
public final class SqlController {
    private final SqlSandbox sandbox;
    private final ObjectMapper json;

    public SqlController(SqlSandbox sandbox, ObjectMapper json) {
        this.sandbox = sandbox;
        this.json = json;
    }

    public void run(Context ctx) {
        String sql = JsonBody.stringField(ctx, json, "sql", true);
        try {
            ctx.json(result(sandbox.run(sql)));
        } catch (SqlRejectedException e) {
            // the sandbox's reason, in words, plus a machine-readable code; BUSY is the server's state, not bad input
            Map<String, Object> body = new LinkedHashMap<>();
            HttpStatus status = e.reason() == SqlRejectedException.Reason.BUSY ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_REQUEST;
            body.put("status", status.getCode());
            body.put("error", e.reason() == SqlRejectedException.Reason.BUSY ? "Busy" : "Bad request");
            body.put("reason", e.reason().name().toLowerCase());
            body.put("message", e.getMessage());
            ctx.status(status).json(body);
        }
    }

    /** {columns: [{name, type}], rows: [[...]], truncated, maxRows, elapsedMillis, dataAsOf}. */
    public Map<String, Object> result(SqlSandbox.Result r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("columns", r.columns());
        body.put("rows", r.rows());
        body.put("truncated", r.truncated());
        body.put("maxRows", sandbox.limits().maxRows());
        body.put("elapsedMillis", r.elapsedMillis());
        body.put("dataAsOf", r.dataAsOf());
        return body;
    }
}
