package probelab.web.api;

import probelab.web.common.JsonBody;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import probelab.storage.sandbox.SqlSandbox;

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

    /** Refused SQL throws {@link probelab.storage.sandbox.SqlRejectedException}: ErrorMapping answers 400 (503 when busy) with its reason. */
    public void run(Context ctx) {
        String sql = JsonBody.stringField(ctx, json, "sql", true);
        ctx.json(result(sandbox.run(sql)));
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
