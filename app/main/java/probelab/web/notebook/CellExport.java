package probelab.web.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import probelab.analysis.NotebookCharts;
import probelab.storage.notebooks.Notebooks;
import probelab.storage.sandbox.SqlSandbox;
import probelab.web.common.CsvWriter;
import probelab.web.common.NotFound;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notebook cell's data as downloads: .json (source, every row the sandbox returned, the chart's Plotly figure) and
 * .csv, for the owner and under a share link. A refused or failing query throws, to be answered as the API answers.
 */
public final class CellExport {
    private final NotebookRequests requests;
    private final SqlResults sql;
    private final ObjectMapper json;

    public CellExport(Notebooks notebooks, SqlResults sql, ObjectMapper json) {
        this.requests = new NotebookRequests(notebooks);
        this.sql = sql;
        this.json = json;
    }

    /** GET /notebooks/{id}/cells/{cellId}.json */
    public void cellJson(Context ctx) throws IOException {
        writeJson(ctx, requests.cell(ctx, requests.notebook(ctx).id()));
    }

    /** GET /notebooks/{id}/cells/{cellId}.csv */
    public void cellCsv(Context ctx) {
        writeCsv(ctx, requests.cell(ctx, requests.notebook(ctx).id()));
    }

    /** GET /r/{token}/nbcells/{cellId}.json */
    public void sharedCellJson(Context ctx) throws IOException {
        writeJson(ctx, requests.sharedCell(ctx));
    }

    /** GET /r/{token}/nbcells/{cellId}.csv */
    public void sharedCellCsv(Context ctx) {
        writeCsv(ctx, requests.sharedCell(ctx));
    }

    private void writeJson(Context ctx, Notebooks.Cell c) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cell", c.id());
        doc.put("kind", c.kind());
        doc.put("source", c.source());
        if (c.isSql()) {
            SqlSandbox.Result r = run(c.source());
            doc.put("columns", r.columns());
            doc.put("rows", r.rows());
            doc.put("truncated", r.truncated());
            Map<String, Object> figures = new LinkedHashMap<>();
            ObjectNode fig = NotebookCharts.figure(CellViews.chartSpec(c), CellViews.names(r), r.rows());
            if (fig != null) figures.put("chart", fig);
            doc.put("figures", figures);
        }
        ctx.contentType("application/json").result(json.writeValueAsBytes(doc));
    }

    private void writeCsv(Context ctx, Notebooks.Cell c) {
        if (!c.isSql()) throw new NotFound("a markdown cell has no data");
        SqlSandbox.Result r = run(c.source());
        try (CsvWriter csv = CsvWriter.download(ctx, "probelab-cell-" + c.id() + ".csv")) {
            csv.row(CellViews.names(r));
            for (List<Object> row : r.rows()) csv.row(row);
            if (r.truncated()) csv.comment("truncated after " + r.rows().size() + " rows");
        }
    }

    private SqlSandbox.Result run(String source) {
        if (!sql.available()) throw new NotFound("this server has no SQL sandbox");
        return sql.run(source).orThrow();
    }
}
