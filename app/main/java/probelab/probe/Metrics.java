package probelab.probe;

/** Metric names and units: a contract that reports and analysts' queries rely on. */
public final class Metrics {
    private Metrics() {
    }

    public static final String RTT_P50_US = "rtt_p50_us";
    public static final String RTT_P90_US = "rtt_p90_us";
    public static final String RTT_P99_US = "rtt_p99_us";
    public static final String RTT_P999_US = "rtt_p999_us";
    public static final String THROUGHPUT_RPS = "throughput_rps";
    public static final String COLD_START_MS = "cold_start_ms";
    /** Separable phases of a start (variant create, start, ready), where the runtime exposes them. */
    public static final String COLD_START_PHASE_MS = "cold_start_phase_ms";
    public static final String SERVER_RSS_BYTES = "server_rss_bytes";
    /** The runtime's own accounting of the container (cgroup or stats), where it has one. */
    public static final String CONTAINER_MEMORY_BYTES = "container_memory_bytes";
    public static final String RUNTIME_OVERHEAD_BYTES = "runtime_overhead_bytes";
    public static final String BUILD_MS = "build_ms";
    public static final String BUILD_PEAK_RSS_BYTES = "build_peak_rss_bytes";

    public static final String US = "us";
    public static final String MS = "ms";
    public static final String BYTES = "bytes";
    public static final String RPS = "rps";

    /** Build phases, measured in this order with one cache. */
    public static final String COLD = "cold";
    public static final String WARM = "warm";
    public static final String INCREMENTAL = "incremental";
}
