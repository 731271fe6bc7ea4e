package probelab.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import probelab.analysis.Figures;
import probelab.storage.claims.PublishedClaims;
import probelab.report.Format;
import probelab.report.CellKind;
import probelab.report.ReportFilter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Puts the articles' figures next to the measured cells when the URL says {@code claims=1}: a table under each cell
 * (runtime and metric match: the cell's family metrics, the filter's runtimes) and, on box and bar charts, a separate
 * trace per article with its own marker and legend entry "published claim (article 00X)". Claims are never mixed
 * into the measured traces, the tables, or the statistics.
 */
public final class ClaimsOverlay {
    private final Supplier<List<PublishedClaims.Claim>> claims;

    /** {@code claims} is asked on every use: the table is small and reloaded only at start. */
    public ClaimsOverlay(Supplier<List<PublishedClaims.Claim>> claims) {
        this.claims = claims;
    }

    /** The claims that match a cell under a filter, in claim order. */
    public List<PublishedClaims.Claim> matching(CellKind kind, ReportFilter f) {
        if (kind.family() == null) return List.of();
        return claims.get().stream()
                .filter(c -> kind.familyMetrics().contains(c.metric()))
                // same runtime: a probelab runtime, and one the filter selects (claims about "unspecified" or
                // kubernetes setups have no measured cell to sit next to)
                .filter(c -> PublishedClaims.PROBELAB_RUNTIMES.contains(c.runtime()))
                .filter(c -> f.runtimes().isEmpty() || f.runtimes().contains(c.runtime()))
                .toList();
    }

    /** The table under a cell, or null when the overlay is off or the cell has no family (the heatmap). */
    public ClaimsTable table(CellKind kind, ReportFilter f) {
        if (!f.claims() || kind.family() == null) return null;
        List<ClaimsTable.Row> rows = matching(kind, f).stream().map(c -> new ClaimsTable.Row(c.runtime(), c.metric(),
                c.statistic(), value(c), article(c), c.sourceFile(), c.section(), c.originalText(),
                c.statedEnvironment() == null ? "" : c.statedEnvironment())).toList();
        String note = rows.isEmpty() ? "No article claims a figure for these runtimes and metrics."
                : "What the articles state, normalised to probelab's units; compare the statistic and the stated environment "
                + "before comparing numbers." + (kind == CellKind.BUILD ? " The build chart plots time against project size, "
                + "which the claims do not give, so they are listed here only." : " Claims of the cell's charted metric are "
                + "drawn as separate markers.");
        return new ClaimsTable(rows, note);
    }

    /** The cell's figures with the claims of their charted metric added as separate traces (copies; the cache is untouched). */
    public Map<String, ObjectNode> overlay(CellKind kind, ReportFilter f, Map<String, ObjectNode> figures) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (var e : figures.entrySet()) {
            ObjectNode fig = e.getValue().deepCopy();
            String chart = e.getKey();
            if (chart.equals("box") || chart.equals("bars")) {
                String unit = chart.equals("bars") ? "bytes" : kind.unit();
                addTraces(fig, matching(kind, f).stream().filter(c -> kind.metrics().contains(c.metric())).toList(),
                        Figures.Scale.of(unit));
            }
            out.put(chart, fig);
        }
        return out;
    }

    private static void addTraces(ObjectNode fig, List<PublishedClaims.Claim> claims, Figures.Scale scale) {
        if (claims.isEmpty() || !(fig.get("data") instanceof ArrayNode data)) return;
        Map<String, List<PublishedClaims.Claim>> byArticle = new LinkedHashMap<>();
        for (var c : claims) byArticle.computeIfAbsent(article(c), k -> new ArrayList<>()).add(c);
        for (var e : byArticle.entrySet()) {
            ObjectNode t = data.addObject();
            t.put("type", "scatter").put("mode", "markers").put("name", "published claim (" + e.getKey() + ")");
            t.put("legendgroup", "published-claims");
            ArrayNode x = t.putArray("x"), y = t.putArray("y"), text = t.putArray("hovertext");
            for (var c : e.getValue()) {
                x.add("claim: " + c.runtime());
                y.add(c.value() * scale.factor());
                text.add(c.statistic() + " " + c.metric() + " claimed by " + e.getKey() + ": " + c.originalValue() + " "
                        + c.originalUnit() + " (" + c.section() + ")");
            }
            t.put("hoverinfo", "text");
            t.putObject("marker").put("symbol", "star-diamond-open").put("size", 14).put("color", "#111111")
                    .putObject("line").put("width", 2);
        }
    }

    /** "article 000" from the source file "000_d7b6....txt". */
    static String article(PublishedClaims.Claim c) {
        String f = c.sourceFile();
        int us = f.indexOf('_');
        return "article " + (us > 0 ? f.substring(0, us) : f);
    }

    private static String value(PublishedClaims.Claim c) {
        String v = Format.num(c.value()) + (c.valueHigh() != null ? "–" + Format.num(c.valueHigh()) : "");
        String q = c.qualifier() == null || c.qualifier().isEmpty() ? "" : c.qualifier() + " ";
        return q + v + " " + c.unit();
    }
}
