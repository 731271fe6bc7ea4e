package probelab.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plotly figures ({@code {data, layout, config}}) built as JSON on the server. Box plots use precomputed
 * quartiles, so a chart of a million samples stays a few kilobytes. Every trace takes its runtime's colour from
 * {@link RuntimeColors}. Attribute names follow Plotly.js 3 (e.g. {@code title.text}, never {@code titlefont}).
 */
public final class Figures {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Figures() {
    }

    /** How a stored unit is drawn: values are multiplied by {@code factor} and labelled {@code label}. */
    public record Scale(double factor, String label) {
        public static Scale of(String unit) {
            return switch (unit) {
                case "us" -> new Scale(1, "µs");
                case "ms" -> new Scale(1, "ms");
                case "bytes" -> new Scale(1.0 / (1024 * 1024), "MiB");
                case "rps" -> new Scale(1, "requests/s");
                case "pct" -> new Scale(1, "%");
                case "count" -> new Scale(1, "");
                default -> new Scale(1, unit);
            };
        }
    }

    /** Below this many values per box, the box is drawn from the values themselves, with every point shown. */
    public static final int RAW_POINTS_MAX = 50;

    /**
     * Box plots: x is the Go version, one trace (colour) per runtime, grouped. Large groups ship precomputed
     * quartiles (whiskers at the most extreme values within 1.5 IQR, dashed line at the mean), so a chart of a million
     * samples stays a few kilobytes; a runtime whose groups are all small ({@link #RAW_POINTS_MAX}) ships its values,
     * and every point is drawn. {@code values}, when given, holds each row's sorted values, in row order.
     */
    public static ObjectNode boxes(String title, String yTitle, Scale scale, List<AggregateRow> rows, List<double[]> values) {
        ArrayNode data = JSON.arrayNode();
        Map<String, List<Integer>> byRuntime = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) byRuntime.computeIfAbsent(rows.get(i).runtime(), k -> new ArrayList<>()).add(i);
        for (var e : byRuntime.entrySet()) {
            ObjectNode t = trace("box", e.getKey());
            boolean raw = values != null && e.getValue().stream().allMatch(i -> values.get(i).length <= RAW_POINTS_MAX);
            if (raw) {
                ArrayNode x = t.putArray("x"), y = t.putArray("y");
                for (int i : e.getValue()) {
                    for (double v : values.get(i)) {
                        x.add("Go " + rows.get(i).go());
                        y.add(round(v * scale.factor()));
                    }
                }
                t.put("boxpoints", "all");
                t.put("jitter", 0.3);
                t.put("pointpos", 0);
            } else {
                ArrayNode x = t.putArray("x"), q1 = t.putArray("q1"), med = t.putArray("median"), q3 = t.putArray("q3"),
                        lo = t.putArray("lowerfence"), hi = t.putArray("upperfence"), mean = t.putArray("mean");
                ArrayNode text = t.putArray("hovertext");
                for (int i : e.getValue()) {
                    AggregateRow r = rows.get(i);
                    Summary s = r.summary();
                    x.add("Go " + r.go());
                    q1.add(round(s.q1() * scale.factor()));
                    med.add(round(s.median() * scale.factor()));
                    q3.add(round(s.q3() * scale.factor()));
                    lo.add(round(s.lowerFence() * scale.factor()));
                    hi.add(round(s.upperFence() * scale.factor()));
                    mean.add(round(s.mean() * scale.factor()));
                    text.add(r.runtime() + ", Go " + r.go() + ", n=" + s.n());
                }
                t.put("boxpoints", false);
            }
            t.put("boxmean", true);
            t.putObject("marker").put("color", RuntimeColors.of(e.getKey()));
            t.putObject("line").put("color", RuntimeColors.of(e.getKey()));
            data.add(t);
        }
        ObjectNode layout = layout(title);
        layout.put("boxmode", "group");
        // a lone box would fill the whole plot
        if (byRuntime.size() == 1) layout.put("boxgap", 0.6);
        axis(layout, "yaxis", yTitle + " (" + scale.label() + ")", null);
        axis(layout, "xaxis", null, null);
        return figure(data, layout, rows.isEmpty());
    }

    /** Cumulative distributions of request latency, one line per runtime, latency on a log axis. */
    public static ObjectNode cdf(String title, Map<String, List<LatencyHistograms.CdfPoint>> byRuntime) {
        ArrayNode data = JSON.arrayNode();
        for (var e : byRuntime.entrySet()) {
            ObjectNode t = trace("scatter", e.getKey());
            t.put("mode", "lines");
            ArrayNode x = t.putArray("x"), y = t.putArray("y");
            for (var p : e.getValue()) {
                x.add(round(p.latencyUs()));
                y.add(Math.round(p.fraction() * 1e6) / 1e4);
            }
            t.putObject("line").put("color", RuntimeColors.of(e.getKey())).put("width", 2).put("shape", "hv");
            t.put("hovertemplate", e.getKey() + ": %{y:.2f}% of requests ≤ %{x} µs<extra></extra>");
            data.add(t);
        }
        ObjectNode layout = layout(title);
        ObjectNode xa = axis(layout, "xaxis", "request latency (µs, log scale)", "log");
        oneTwoFiveTicks(xa, 1, 1e7);
        ObjectNode y = axis(layout, "yaxis", "requests at or below (%)", null);
        y.putArray("range").add(0).add(100.5);
        return figure(data, layout, byRuntime.isEmpty());
    }

    /** One bar per runtime: the server's resident memory, with the runtime's own processes stacked on top. */
    public static ObjectNode memory(String title, List<String> runtimes, List<Double> serverBytes, List<Double> overheadBytes) {
        ArrayNode data = JSON.arrayNode();
        Scale mib = Scale.of("bytes");
        ObjectNode server = JSON.objectNode().put("type", "bar").put("name", "server RSS (median)");
        ObjectNode overhead = JSON.objectNode().put("type", "bar").put("name", "runtime overhead (median)");
        for (ObjectNode t : List.of(server, overhead)) {
            ArrayNode x = t.putArray("x");
            runtimes.forEach(x::add);
            ObjectNode marker = t.putObject("marker");
            ArrayNode colors = marker.putArray("color");
            runtimes.forEach(r -> colors.add(RuntimeColors.of(r)));
            marker.putObject("line").put("color", "#333333").put("width", 0.5);
        }
        ArrayNode sy = server.putArray("y"), oy = overhead.putArray("y");
        for (int i = 0; i < runtimes.size(); i++) {
            sy.add(serverBytes.get(i) == null ? null : JSON.numberNode(round(serverBytes.get(i) * mib.factor())));
            oy.add(overheadBytes.get(i) == null ? null : JSON.numberNode(round(overheadBytes.get(i) * mib.factor())));
        }
        // same colour per runtime; the overhead part is hatched and lighter
        ((ObjectNode) overhead.get("marker")).put("opacity", 0.55).putObject("pattern").put("shape", "/").put("solidity", 0.3);
        server.put("hovertemplate", "%{x}: server %{y:.1f} MiB<extra></extra>");
        overhead.put("hovertemplate", "%{x}: runtime processes %{y:.1f} MiB<extra></extra>");
        data.add(server);
        data.add(overhead);
        ObjectNode layout = layout(title);
        layout.put("barmode", "stack");
        layout.put("bargap", runtimes.size() < 3 ? 0.6 : 0.3);
        axis(layout, "yaxis", "resident memory (MiB)", null);
        axis(layout, "xaxis", null, null);
        return figure(data, layout, runtimes.isEmpty());
    }

    /**
     * Median build time against the generated project's size: one panel per phase (cold, warm, incremental), one line
     * per runtime and cache mode. Colour is the runtime, the marker the cache mode; error bars are the 95% CI of the
     * median. Both axes are logarithmic: sizes span four orders of magnitude.
     */
    public static ObjectNode builds(String title, List<AggregateRow> rows) {
        List<String> phases = new ArrayList<>();
        for (String p : List.of("cold", "warm", "incremental")) {
            if (rows.stream().anyMatch(r -> ValueSet.phase(r.variant()).equals(p))) phases.add(p);
        }
        rows.stream().map(r -> ValueSet.phase(r.variant())).filter(p -> !phases.contains(p)).distinct().forEach(phases::add);
        Map<String, List<AggregateRow>> lines = new LinkedHashMap<>();
        for (AggregateRow r : rows) lines.computeIfAbsent(r.runtime() + "\u0000" + r.variant(), k -> new ArrayList<>()).add(r);
        ArrayNode data = JSON.arrayNode();
        Set<String> inLegend = new HashSet<>();
        for (List<AggregateRow> line : lines.values()) {
            line.sort((a, b) -> Long.compare(a.workloadLines(), b.workloadLines()));
            AggregateRow first = line.get(0);
            String phase = ValueSet.phase(first.variant());
            String mode = first.variant().contains("/") ? first.variant().substring(first.variant().indexOf('/') + 1) : "";
            int panel = phases.indexOf(phase) + 1;
            ObjectNode t = trace("scatter", first.runtime());
            t.put("legendgroup", first.runtime());
            t.put("showlegend", inLegend.add(first.runtime()));
            t.put("mode", "lines+markers");
            t.put("xaxis", panel == 1 ? "x" : "x" + panel);
            t.put("yaxis", panel == 1 ? "y" : "y" + panel);
            ArrayNode x = t.putArray("x"), y = t.putArray("y"), text = t.putArray("text");
            ObjectNode err = t.putObject("error_y");
            err.put("type", "data").put("symmetric", false).put("thickness", 1).put("width", 3);
            ArrayNode plus = err.putArray("array"), minus = err.putArray("arrayminus");
            for (AggregateRow r : line) {
                Summary s = r.summary();
                x.add(r.workloadLines());
                y.add(round(s.median() / 1000));
                text.add(r.size() + ", " + r.workloadLines() + " lines, n=" + s.n());
                MedianInterval ci = s.median95();
                plus.add(ci == null ? 0 : round((ci.high() - s.median()) / 1000));
                minus.add(ci == null ? 0 : round((s.median() - ci.low()) / 1000));
            }
            String color = RuntimeColors.of(first.runtime());
            err.put("color", color);
            t.putObject("line").put("color", color).put("width", 1.5);
            t.putObject("marker").put("color", color).put("size", 7).put("symbol", switch (mode) {
                case "volume" -> "square";
                case "bind" -> "diamond";
                case "none" -> "x";
                default -> "circle";
            });
            t.put("hovertemplate", first.runtime() + " " + first.variant() + ": %{y:.2f} s (%{text})<extra></extra>");
            data.add(t);
        }
        ObjectNode layout = layout(title);
        layout.put("height", 390);
        ((ObjectNode) layout.get("margin")).put("t", 60);
        ArrayNode annotations = layout.putArray("annotations");
        double gap = 0.06, width = (1 - gap * (Math.max(1, phases.size()) - 1)) / Math.max(1, phases.size());
        for (int i = 0; i < Math.max(1, phases.size()); i++) {
            String suffix = i == 0 ? "" : Integer.toString(i + 1);
            double from = i * (width + gap);
            ObjectNode xa = axis(layout, "xaxis" + suffix, i == phases.size() / 2 ? "project size (lines of Go, log scale)" : null, "log");
            xa.putArray("domain").add(round(from)).add(round(Math.min(1, from + width)));
            xa.put("anchor", "y" + suffix);
            xa.put("dtick", 1);
            ObjectNode ya = axis(layout, "yaxis" + suffix, i == 0 ? "median build time (s, log scale)" : null, "log");
            ya.put("anchor", "x" + suffix);
            oneTwoFiveTicks(ya, 0.001, 1e4);
            if (i < phases.size()) {
                annotations.addObject().put("text", "<b>" + phases.get(i) + "</b>").put("showarrow", false)
                        .put("xref", "paper").put("yref", "paper").put("x", round(from + width / 2)).put("y", 1.0)
                        .put("yanchor", "bottom").put("xanchor", "center");
            }
        }
        annotations.addObject().put("text", "markers: ● host cache · ✕ no cache · ■ volume · ◆ bind mount")
                .put("showarrow", false).put("xref", "paper").put("yref", "paper").put("x", 1).put("y", -0.3)
                .put("xanchor", "right").putObject("font").put("size", 11).put("color", "#667085");
        return figure(data, layout, rows.isEmpty());
    }

    /** A runtime x Go version grid of one statistic; each cell's text says the value and its ratio to the baseline. */
    public static ObjectNode heatmap(String title, List<String> runtimes, List<String> goVersions, Double[][] z,
                                     String[][] text, String colorbarTitle) {
        ObjectNode t = JSON.objectNode().put("type", "heatmap");
        ArrayNode x = t.putArray("x"), y = t.putArray("y"), zs = t.putArray("z"), texts = t.putArray("text");
        goVersions.forEach(g -> x.add("Go " + g));
        runtimes.forEach(y::add);
        for (int i = 0; i < runtimes.size(); i++) {
            ArrayNode row = zs.addArray(), textRow = texts.addArray();
            for (int j = 0; j < goVersions.size(); j++) {
                if (z[i][j] == null) row.addNull(); else row.add(round(z[i][j]));
                textRow.add(text[i][j] == null ? "" : text[i][j]);
            }
        }
        t.put("texttemplate", "%{text}");
        t.put("hovertemplate", "%{y}, %{x}: %{text}<extra></extra>");
        // light is low, dark is high, whichever way "better" points for this metric
        t.put("colorscale", "Blues");
        t.put("reversescale", true);
        t.putObject("colorbar").putObject("title").put("text", colorbarTitle);
        t.put("xgap", 2).put("ygap", 2);
        ArrayNode data = JSON.arrayNode().add(t);
        ObjectNode layout = layout(title);
        axis(layout, "xaxis", null, null).put("type", "category");
        ObjectNode ya = axis(layout, "yaxis", null, null);
        ya.put("type", "category");
        ya.put("autorange", "reversed");
        layout.put("height", Math.max(220, 70 + 48 * runtimes.size()));
        return figure(data, layout, runtimes.isEmpty() || goVersions.isEmpty());
    }

    // -- shared pieces ---------------------------------------------------------------------------------------------

    private static Map<String, List<AggregateRow>> byRuntime(List<AggregateRow> rows) {
        Map<String, List<AggregateRow>> out = new LinkedHashMap<>();
        for (AggregateRow r : rows) out.computeIfAbsent(r.runtime(), k -> new ArrayList<>()).add(r);
        return out;
    }

    private static ObjectNode trace(String type, String name) {
        return JSON.objectNode().put("type", type).put("name", name);
    }

    private static ObjectNode layout(String title) {
        ObjectNode layout = JSON.objectNode();
        ObjectNode t = layout.putObject("title");
        t.put("text", title);
        t.put("x", 0.01);
        t.putObject("font").put("size", 14);
        layout.putObject("font").put("family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif").put("size", 12)
                .put("color", "#222222");
        layout.putObject("margin").put("l", 64).put("r", 16).put("t", 40).put("b", 48);
        layout.put("height", 340);
        layout.put("paper_bgcolor", "rgba(0,0,0,0)");
        layout.put("plot_bgcolor", "#ffffff");
        ObjectNode legend = layout.putObject("legend");
        legend.put("orientation", "h").put("y", -0.22).put("x", 0);
        return layout;
    }

    /**
     * Ticks at 1, 2 and 5 of every decade from {@code fromDecade} to {@code toDecade}, each labelled with its whole
     * value: Plotly's own minor log ticks ({@code dtick: "D2"}) print a bare "2" and "5", so an axis read "5, 2, 1, 5".
     */
    private static void oneTwoFiveTicks(ObjectNode axis, double fromDecade, double toDecade) {
        ArrayNode ticks = axis.putArray("tickvals");
        for (double decade = fromDecade; decade <= toDecade * 1.0001; decade *= 10) {
            for (int m : new int[]{1, 2, 5}) ticks.add(round(m * decade));
        }
    }

    private static ObjectNode axis(ObjectNode layout, String name, String title, String type) {
        ObjectNode a = layout.putObject(name);
        if (title != null) a.putObject("title").put("text", title);
        if (type != null) a.put("type", type);
        a.put("gridcolor", "#e6e6e6");
        a.put("zeroline", false);
        a.put("automargin", true);
        return a;
    }

    private static ObjectNode figure(ArrayNode data, ObjectNode layout, boolean empty) {
        if (empty) {
            ArrayNode annotations = layout.putArray("annotations");
            annotations.addObject().put("text", "no samples match this filter").put("showarrow", false)
                    .put("xref", "paper").put("yref", "paper").put("x", 0.5).put("y", 0.5)
                    .putObject("font").put("size", 14).put("color", "#777777");
            layout.properties().forEach(e -> {
                if (e.getKey().startsWith("xaxis") || e.getKey().startsWith("yaxis")) ((ObjectNode) e.getValue()).put("visible", false);
            });
        }
        ObjectNode fig = JSON.objectNode();
        fig.set("data", data);
        fig.set("layout", layout);
        fig.putObject("config").put("responsive", true).put("displaylogo", false);
        return fig;
    }

    /** Four significant digits are plenty on a chart and keep the JSON short. */
    static double round(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) return v;
        double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }
}
