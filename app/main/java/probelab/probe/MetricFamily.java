package probelab.probe;

import java.util.Arrays;
import java.util.List;

/** The four things a job can measure; the ids are what users type and what reports filter on. */
public enum MetricFamily {
    RTT("rtt"), COLD_START("cold_start"), MEMORY("memory"), BUILD("build");

    private final String id;

    MetricFamily(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(MetricFamily::id).toList();
    }

    public static MetricFamily parse(String id) {
        for (MetricFamily f : values()) {
            if (f.id.equals(id)) return f;
        }
        throw new IllegalArgumentException("unknown metric '" + id + "'; valid: " + String.join(", ", ids()));
    }

    /** The family a stored metric name belongs to, e.g. rtt_p99_us -> RTT. */
    public static MetricFamily ofMetric(String metric) {
        if (metric.startsWith("rtt_") || metric.equals(Metrics.THROUGHPUT_RPS)) return RTT;
        if (metric.startsWith("cold_start")) return COLD_START;
        if (metric.startsWith("build_ms")) return BUILD;
        return MEMORY;
    }
}
