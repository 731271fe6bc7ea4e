package probelab.web.overview;

import probelab.probe.Metrics;

import java.util.Arrays;
import java.util.List;

/** What the runtime x Go version heatmap can show. Build phases pool their cache modes. */
public enum HeatMetric {
    RTT_P50("rtt_p50", Metrics.RTT_P50_US, null, "RTT p50 per iteration", "us"),
    RTT_P99("rtt_p99", Metrics.RTT_P99_US, null, "RTT p99 per iteration", "us"),
    THROUGHPUT("throughput", Metrics.THROUGHPUT_RPS, null, "Throughput (1 connection)", "rps"),
    COLD_START("cold_start", Metrics.COLD_START_MS, null, "Cold start", "ms"),
    SERVER_RSS("server_rss", Metrics.SERVER_RSS_BYTES, null, "Server RSS", "bytes"),
    OVERHEAD("runtime_overhead", Metrics.RUNTIME_OVERHEAD_BYTES, null, "Runtime overhead", "bytes"),
    BUILD_COLD("build_cold", Metrics.BUILD_MS, Metrics.COLD, "Cold build", "ms"),
    BUILD_WARM("build_warm", Metrics.BUILD_MS, Metrics.WARM, "Warm build", "ms"),
    BUILD_INCREMENTAL("build_incremental", Metrics.BUILD_MS, Metrics.INCREMENTAL, "Incremental build", "ms");

    public static final HeatMetric DEFAULT = RTT_P50;

    private final String id;
    private final String metric;
    private final String phase;
    private final String label;
    private final String unit;

    HeatMetric(String id, String metric, String phase, String label, String unit) {
        this.id = id;
        this.metric = metric;
        this.phase = phase;
        this.label = label;
        this.unit = unit;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return id;
    }

    public String metric() {
        return metric;
    }

    /** For build_ms: the phase whose variants (all cache modes) are pooled; null otherwise. */
    public String phase() {
        return phase;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(HeatMetric::id).toList();
    }

    /** Null when {@code id} is unknown. */
    public static HeatMetric find(String id) {
        for (HeatMetric h : values()) {
            if (h.id.equals(id)) return h;
        }
        return null;
    }
}
