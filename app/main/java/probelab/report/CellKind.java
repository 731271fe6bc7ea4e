package probelab.report;

import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;


import java.util.Arrays;
import java.util.List;

/** The notebook's cells, in page order. Each has its own URL, a .json twin and CSV downloads. */
public enum CellKind {
    RTT(MetricFamily.RTT, List.of("box", "cdf")),
    COLD_START(MetricFamily.COLD_START, List.of("box")),
    MEMORY(MetricFamily.MEMORY, List.of("bars")),
    LIMITS(MetricFamily.LIMITS, List.of("box")),
    BUILD(MetricFamily.BUILD, List.of("lines")),
    IMAGE_BUILD(MetricFamily.IMAGE_BUILD, List.of("lines")),
    HEATMAP(null, List.of("heatmap"));

    private static final String HEATMAP_TITLE = "Runtime × Go version";
    private static final String HEATMAP_DESCRIPTION =
            "The median of one metric for each runtime and Go version, with its ratio to the baseline runtime.";

    private final MetricFamily family;
    private final List<String> figures;

    CellKind(MetricFamily family, List<String> figures) {
        this.family = family;
        this.figures = figures;
    }

    public String id() {
        return family == null ? "heatmap" : family.id();
    }

    /** The metric family this cell shows, null for the heatmap (which shows whichever it is asked for). */
    public MetricFamily family() {
        return family;
    }

    public String title() {
        return family == null ? HEATMAP_TITLE : family.title();
    }

    public String description() {
        return family == null ? HEATMAP_DESCRIPTION : family.description();
    }

    /** The metrics the aggregate table summarises (the catalog's tabulated ones). */
    public List<String> metrics() {
        if (family == null) return List.of();
        List<String> out = new java.util.ArrayList<>();
        // what a scenario's load costs is read beside what it does: the window's throughput and p99 lead the table
        if (family == MetricFamily.LIMITS) out.addAll(List.of(Metric.THROUGHPUT_RPS.id(), Metric.RTT_P99_US.id()));
        family.tabulated().stream().map(Metric::id).forEach(out::add);
        return List.copyOf(out);
    }

    /** Every metric of the family: failures of any of them are counted and listed. */
    public List<String> familyMetrics() {
        return family == null ? List.of() : family.metrics().stream().map(Metric::id).toList();
    }

    /** The unit of the table's first metric; the heatmap's is whichever metric it shows. */
    public String unit() {
        return family == null ? "" : family.tabulated().get(0).unit().symbol();
    }

    /** The keys of this cell's charts in its .json twin. */
    public List<String> figures() {
        return figures;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(CellKind::id).toList();
    }

    /** The cell a URL names; an unknown one is a missing page. */
    public static CellKind parse(String id) {
        for (CellKind c : values()) {
            if (c.id().equals(id)) return c;
        }
        throw new UnknownCell("there is no cell named " + BadFilter.quote(id) + "; cells: " + String.join(", ", ids()));
    }
}
