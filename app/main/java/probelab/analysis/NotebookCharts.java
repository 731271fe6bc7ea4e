package probelab.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Plotly figure a notebook's SQL cell draws from its result rows, as its chart settings say. */
public final class NotebookCharts {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private NotebookCharts() {
    }

    /** What a cell's chart settings say: the trace type and result column names; any may be null (unset). */
    public record Spec(String type, String x, String y, String series) {
    }

    /**
     * One trace per value of the series column (one trace named after y without one), x and y as the query returned
     * them; null when the chart is unset or names a column the result does not have.
     */
    public static ObjectNode figure(Spec chart, List<String> columns, List<List<Object>> rows) {
        if (chart.type() == null || chart.x() == null || chart.y() == null) return null;
        int xi = columns.indexOf(chart.x()), yi = columns.indexOf(chart.y());
        int si = chart.series() == null ? -1 : columns.indexOf(chart.series());
        if (xi < 0 || yi < 0) return null;
        Map<String, ObjectNode> traces = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            String series = si < 0 ? chart.y() : text(row.get(si));
            ObjectNode t = traces.computeIfAbsent(series, name -> trace(chart.type(), name));
            ((ArrayNode) t.get("x")).addPOJO(row.get(xi));
            ((ArrayNode) t.get("y")).addPOJO(row.get(yi));
        }
        ObjectNode fig = JSON.objectNode();
        ArrayNode data = fig.putArray("data");
        traces.values().forEach(data::add);
        ObjectNode layout = fig.putObject("layout");
        layout.putObject("xaxis").putObject("title").put("text", chart.x());
        layout.putObject("yaxis").putObject("title").put("text", chart.y());
        layout.putObject("margin").put("t", 30).put("r", 20);
        if (chart.type().equals("bar")) layout.put("barmode", "group");
        fig.putObject("config").put("responsive", true).put("displaylogo", false);
        return fig;
    }

    private static ObjectNode trace(String type, String name) {
        ObjectNode n = JSON.objectNode().put("name", name);
        switch (type) {
            case "bar" -> n.put("type", "bar");
            case "line" -> n.put("type", "scatter").put("mode", "lines+markers");
            default -> n.put("type", "scatter").put("mode", "markers");
        }
        n.putArray("x");
        n.putArray("y");
        return n;
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }
}
