package probelab.web.overview;

import probelab.probe.MetricFamily;
import probelab.probe.Metrics;
import probelab.web.NotFound;

import java.util.Arrays;
import java.util.List;

/** The notebook's cells, in page order. Each has its own URL, a .json twin and CSV downloads. */
public enum CellKind {
    RTT("rtt", MetricFamily.RTT, "Round-trip time",
            "Closed-loop HTTP latency over one keep-alive connection (service time, not open-loop). Boxes: each "
                    + "iteration's median latency; table p90/p99: every request, from the merged HdrHistograms.",
            List.of(Metrics.RTT_P50_US),
            List.of(Metrics.RTT_P50_US, Metrics.RTT_P90_US, Metrics.RTT_P99_US, Metrics.RTT_P999_US, Metrics.THROUGHPUT_RPS),
            "us", List.of("box", "cdf")),
    COLD_START("cold_start", MetricFamily.COLD_START, "Cold start",
            "From issuing the run command to the first HTTP 200 of the echo server.",
            List.of(Metrics.COLD_START_MS), List.of(Metrics.COLD_START_MS, Metrics.COLD_START_PHASE_MS), "ms", List.of("box")),
    MEMORY("memory", MetricFamily.MEMORY, "Memory",
            "Resident memory of the idle echo server, and of the runtime's own processes (daemons, shims, network helpers).",
            List.of(Metrics.SERVER_RSS_BYTES, Metrics.CONTAINER_MEMORY_BYTES, Metrics.RUNTIME_OVERHEAD_BYTES),
            List.of(Metrics.SERVER_RSS_BYTES, Metrics.CONTAINER_MEMORY_BYTES, Metrics.RUNTIME_OVERHEAD_BYTES), "bytes",
            List.of("bars")),
    BUILD("build", MetricFamily.BUILD, "Build time",
            "Wall time of go build for each generated project size: cold (empty cache), warm (same cache, no change) and "
                    + "incremental (one file edited), per cache mode where the runtime has several.",
            List.of(Metrics.BUILD_MS), List.of(Metrics.BUILD_MS, Metrics.BUILD_PEAK_RSS_BYTES), "ms", List.of("lines")),
    HEATMAP("heatmap", null, "Runtime × Go version",
            "The median of one metric for each runtime and Go version, with its ratio to the baseline runtime.",
            List.of(), List.of(), "", List.of("heatmap"));

    private final String id;
    private final MetricFamily family;
    private final String title;
    private final String description;
    private final List<String> metrics;
    private final List<String> familyMetrics;
    private final String unit;
    private final List<String> figures;

    CellKind(String id, MetricFamily family, String title, String description, List<String> metrics,
             List<String> familyMetrics, String unit, List<String> figures) {
        this.id = id;
        this.family = family;
        this.title = title;
        this.description = description;
        this.metrics = metrics;
        this.familyMetrics = familyMetrics;
        this.unit = unit;
        this.figures = figures;
    }

    public String id() {
        return id;
    }

    /** The metric family this cell shows, null for the heatmap (which shows whichever it is asked for). */
    public MetricFamily family() {
        return family;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The metrics the aggregate table summarises. */
    public List<String> metrics() {
        return metrics;
    }

    /** Every metric of the family: failures of any of them are counted and listed. */
    public List<String> familyMetrics() {
        return familyMetrics;
    }

    public String unit() {
        return unit;
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
            if (c.id.equals(id)) return c;
        }
        throw new NotFound("there is no cell named " + probelab.web.BadRequest.quote(id) + "; cells: " + String.join(", ", ids()));
    }
}
