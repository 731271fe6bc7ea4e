package probelab.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metric catalog: every value probelab stores, with its unit, family, name for people, which direction is
 * better and which variants it has. Probes, storage (the {@code metric_catalog} table), analysis and the report all
 * read this list; adding a metric is adding a constant here and the probe that records it. The ids are a contract
 * with analysts' queries: never rename one.
 */
public enum Metric {
    RTT_P50_US("rtt_p50_us", Unit.US, MetricFamily.RTT, "median latency", Better.LOWER, Presence.EVERY_ITERATION, true,
            List.of(), "Median latency of one iteration's requests (closed loop, one keep-alive connection)."),
    RTT_P90_US("rtt_p90_us", Unit.US, MetricFamily.RTT, "p90 latency", Better.LOWER, Presence.EVERY_ITERATION, false,
            List.of(), "90th percentile latency of one iteration's requests."),
    RTT_P99_US("rtt_p99_us", Unit.US, MetricFamily.RTT, "p99 latency", Better.LOWER, Presence.EVERY_ITERATION, false,
            List.of(), "99th percentile latency of one iteration's requests."),
    RTT_P999_US("rtt_p999_us", Unit.US, MetricFamily.RTT, "p99.9 latency", Better.LOWER, Presence.EVERY_ITERATION, false,
            List.of(), "99.9th percentile latency of one iteration's requests."),
    THROUGHPUT_RPS("throughput_rps", Unit.RPS, MetricFamily.RTT, "throughput", Better.HIGHER, Presence.EVERY_ITERATION,
            false, List.of(), "Requests completed per second in that closed loop (one connection)."),
    COLD_START_MS("cold_start_ms", Unit.MS, MetricFamily.COLD_START, "cold start", Better.LOWER,
            Presence.EVERY_ITERATION, true, List.of(), "From issuing the one start command a user types (`run -d -p ...`, or the process) to the first HTTP 200."),
    COLD_START_PHASE_MS("cold_start_phase_ms", Unit.MS, MetricFamily.COLD_START, "start phase", Better.LOWER,
            Presence.WHERE_EXPOSED, false, List.of("create", "start", "ready"),
            "Phases of a start from the engine's own event times: create (command to create event), start (to start event), ready (to first HTTP 200)."),
    COLD_START_SPLIT_MS("cold_start_split_ms", Unit.MS, MetricFamily.COLD_START, "where the start goes", Better.LOWER,
            Presence.WHERE_EXPOSED, true, List.of(Metric.UNTIL_GO, Metric.GO_INIT, Metric.GO_LISTEN, Metric.TO_ANSWER),
            "The cold start split by the server's own clock (GET /debug/start, read after the first answer), in every runtime: "
                    + "until_go (the start command to Go's clock starting in the server process: the CLI, the engine, the OCI "
                    + "runtime, the exec; natively the process spawn), go_init (Go's package initialisation before main), go_listen "
                    + "(main to the listener open), to_answer (the listener open to the first HTTP 200 the prober saw: the path "
                    + "from the host port in, and its 0.25 ms poll). The four add up to the cold start."),
    SERVER_RSS_BYTES("server_rss_bytes", Unit.BYTES, MetricFamily.MEMORY, "server RSS", Better.LOWER,
            Presence.EVERY_ITERATION, true, List.of(), "Resident memory of the echo server after "
                    + "2,000 requests on one connection, the same work in every runtime, read at once from /proc (before the "
                    + "scenario's load window)."),
    SERVER_RSS_ANON_BYTES("server_rss_anon_bytes", Unit.BYTES, MetricFamily.MEMORY, "server RSS, anonymous", Better.LOWER,
            Presence.WHERE_EXPOSED, true, List.of(), "The anonymous part of that resident memory, from the same read "
                    + "(/proc/PID/status RssAnon): what the program allocated (heap, stacks). Where the runtimes differ here, the "
                    + "program itself holds more or less."),
    SERVER_RSS_FILE_BYTES("server_rss_file_bytes", Unit.BYTES, MetricFamily.MEMORY, "server RSS, file-backed", Better.LOWER,
            Presence.WHERE_EXPOSED, true, List.of(), "The file-backed part (RssFile): the binary's pages mapped from its file "
                    + "and counted once touched, shared with the page cache. A difference here is where and how the binary's "
                    + "file is stored (host, overlay layer), not memory the program holds."),
    SERVER_RSS_SHMEM_BYTES("server_rss_shmem_bytes", Unit.BYTES, MetricFamily.MEMORY, "server RSS, shared", Better.LOWER,
            Presence.WHERE_EXPOSED, false, List.of(), "The shared-memory part (RssShmem); 0 for the echo server."),
    CONTAINER_MEMORY_BYTES("container_memory_bytes", Unit.BYTES, MetricFamily.MEMORY, "container (cgroup)", Better.LOWER,
            Presence.WHERE_EXPOSED, true, List.of(), "The runtime's own accounting of the container (cgroup or stats)."),
    RUNTIME_OVERHEAD_BYTES("runtime_overhead_bytes", Unit.BYTES, MetricFamily.MEMORY, "runtime overhead", Better.LOWER,
            Presence.EVERY_ITERATION, true, List.of(), "Resident memory of the runtime's own processes (0 natively)."),
    CPU_THROTTLED_PCT("cpu_throttled_pct", Unit.PCT, MetricFamily.LIMITS, "CPU throttled", Better.LOWER, Presence.WHERE_EXPOSED,
            true, List.of(), "Share of the CFS periods of the RTT window in which the container was throttled (cgroup cpu.stat nr_throttled / nr_periods); only under a CPU quota."),
    GC_CYCLES("gc_cycles", Unit.COUNT, MetricFamily.LIMITS, "GC cycles", Better.LOWER, Presence.WHERE_EXPOSED, true, List.of(),
            "Garbage collections the server ran during the RTT window (its runtime.MemStats.NumGC, read before and after)."),
    GC_PAUSE_MS("gc_pause_ms", Unit.MS, MetricFamily.LIMITS, "GC pause", Better.LOWER, Presence.WHERE_EXPOSED, true, List.of(),
            "Total stop-the-world GC pause during the RTT window (runtime.MemStats.PauseTotalNs, after minus before)."),
    OOM_KILLS("oom_kills", Unit.COUNT, MetricFamily.LIMITS, "OOM kills", Better.LOWER, Presence.WHERE_EXPOSED, true, List.of(),
            "Processes the kernel's OOM killer killed in the container's cgroup during the iteration; only under a memory limit."),
    BUILD_MS("build_ms", Unit.MS, MetricFamily.BUILD, "build time", Better.LOWER, Presence.EVERY_ITERATION, true,
            List.of(Metric.COLD, Metric.WARM, Metric.INCREMENTAL), "What a user waits for per cache phase: natively `go build` itself; in a container the whole `run --rm ... go build`, start and removal included."),
    BUILD_INNER_MS("build_inner_ms", Unit.MS, MetricFamily.BUILD, "go build itself", Better.LOWER, Presence.WHERE_EXPOSED,
            true, List.of(Metric.COLD, Metric.WARM, Metric.INCREMENTAL),
            "go build itself, timed inside the container/process by probes/gotime; build_ms minus this is the container around it."),
    BUILD_PEAK_RSS_BYTES("build_peak_rss_bytes", Unit.BYTES, MetricFamily.BUILD, "build peak RSS", Better.LOWER,
            Presence.WHERE_EXPOSED, false, List.of(Metric.COLD, Metric.WARM, Metric.INCREMENTAL), "The largest process of that build (wait4's ru_maxrss)."),
    IMAGE_BUILD_MS("image_build_ms", Unit.MS, MetricFamily.IMAGE_BUILD, "image build time", Better.LOWER,
            Presence.EVERY_ITERATION, true, List.of(Metric.COLD, Metric.WARM, Metric.INCREMENTAL, Metric.CACHEMOUNT),
            "The one `docker build` / `podman build` of a multi-stage Dockerfile (go build FROM the Go image, then FROM scratch): "
                    + "cold (--no-cache), warm (nothing changed), incremental (one file edited), cachemount (incremental with "
                    + "RUN --mount=type=cache on GOCACHE)."),
    IMAGE_SIZE_BYTES("image_size_bytes", Unit.BYTES, MetricFamily.IMAGE_BUILD, "image size", Better.LOWER,
            Presence.EVERY_ITERATION, true, List.of(Metric.COLD, Metric.WARM, Metric.INCREMENTAL, Metric.CACHEMOUNT),
            "The built image's size as the engine reports it (`image inspect --format {{.Size}}`)."),
    IMAGE_BUILD_STEP_MS("image_build_step_ms", Unit.MS, MetricFamily.IMAGE_BUILD, "image build step", Better.LOWER,
            Presence.WHERE_EXPOSED, false, List.of(Metric.COLD, Metric.WARM, Metric.INCREMENTAL, Metric.CACHEMOUNT),
            "One Dockerfile step of an image build (variant phase/step number), from the arrival times of the builder's "
                    + "`Step n/m` lines: from its line to the next one's."),
    EDIT_TO_SERVING_MS("edit_to_serving_ms", Unit.MS, MetricFamily.DEVLOOP, "edit to serving", Better.LOWER,
            Presence.EVERY_ITERATION, true, DevLoopWay.ids(),
            "From writing one edited file of the project to the first answer of its running server that shows the change "
                    + "(polled every 5 ms): the watcher's event or the developer's commands, the rebuild, the restart. "
                    + "Variant: the way the loop runs (catalog DevLoopWay: watch, entr, restart, image)."),
    GO_TEST_MS("go_test_ms", Unit.MS, MetricFamily.GO_TEST, "go test time", Better.LOWER, Presence.EVERY_ITERATION, true,
            List.of(Metric.COLD, Metric.WARM), "What a user waits for `go test -count=1` of the project's packages: natively "
                    + "go test itself, in a container the whole `run --rm ... go test`; cold into an empty cache, warm with the "
                    + "cell's warm cache."),
    GO_TEST_RACE_MS("go_test_race_ms", Unit.MS, MetricFamily.GO_TEST, "go test -race", Better.LOWER, Presence.WHERE_EXPOSED,
            true, List.of(), "The same warm `go test -count=1 -race` (cgo on): where the toolchain can link the race "
                    + "detector (a C compiler beside Go); not applicable in images that carry Go alone."),
    TREE_WALK_MS("tree_walk_ms", Unit.MS, MetricFamily.FILES, "tree walk", Better.LOWER, Presence.EVERY_ITERATION, true,
            List.of(Metric.COLD, Metric.WARM), "probes/treewalk's own time to lstat every entry of the project's source tree "
                    + "and open and read every file, where the tree lives (variant cache/place: host disk natively; bind mount, "
                    + "named volume or image layer in a container); cold right after dropping the page cache, warm the same walk "
                    + "again. The container's start is not in the figure."),
    TREE_WRITE_MS("tree_write_ms", Unit.MS, MetricFamily.FILES, "tree write", Better.LOWER, Presence.EVERY_ITERATION, true,
            List.of(Metric.COLD, Metric.WARM), "probes/treewalk's own time to create 200 files of 4 KiB in a fresh directory "
                    + "of the tree's place (in the image place: the container's writable layer) and delete them again, no "
                    + "fsync; cold is the first batch after the page cache was dropped (after the cold walk), warm the second."),
    TREE_BUILD_MS("tree_build_ms", Unit.MS, MetricFamily.FILES, "build in place", Better.LOWER, Presence.EVERY_ITERATION,
            true, List.of(Metric.COLD, Metric.WARM), "`go build` of the project with its source tree in the place (variant "
                    + "cache/place, as tree walk), timed inside the container or process by probes/gotime; the build and module "
                    + "caches are the place's own, filled beforehand, so go reads (and hashes) every source file and finds "
                    + "everything else built: cold right after dropping the page cache, warm the same build again."),
    TREE_TEST_MS("tree_test_ms", Unit.MS, MetricFamily.FILES, "go test in place", Better.LOWER, Presence.EVERY_ITERATION,
            true, List.of(Metric.COLD, Metric.WARM), "`go test -count=1` of the project's packages with the source tree "
                    + "in the place, timed as build in place is: cold right after dropping the page cache, warm again.");

    /** Build phases, measured in this order with one cache; a variant is {@code phase} or {@code phase/cacheMode}. */
    public static final String COLD = "cold";
    public static final String WARM = "warm";
    public static final String INCREMENTAL = "incremental";
    /** Image builds only: an incremental build whose go build keeps GOCACHE in a cache mount. */
    public static final String CACHEMOUNT = "cachemount";
    /** The cold start's split by the server's own clock, in the order they happen. */
    public static final String UNTIL_GO = "until_go";
    public static final String GO_INIT = "go_init";
    public static final String GO_LISTEN = "go_listen";
    public static final String TO_ANSWER = "to_answer";
    /** Source tree places (files family), the second part of a variant such as {@code cold/bind}. */
    public static final String HOST = "host";
    public static final String BIND = "bind";
    public static final String VOLUME = "volume";
    public static final String IMAGE = "image";

    private final String id;
    private final Unit unit;
    private final MetricFamily family;
    private final String displayName;
    private final Better better;
    private final Presence presence;
    private final boolean tabulated;
    private final List<String> phases;
    private final String description;

    Metric(String id, Unit unit, MetricFamily family, String displayName, Better better, Presence presence,
           boolean tabulated, List<String> phases, String description) {
        this.id = id;
        this.unit = unit;
        this.family = family;
        this.displayName = displayName;
        this.better = better;
        this.presence = presence;
        this.tabulated = tabulated;
        this.phases = phases;
        this.description = description;
    }

    /** The stored name, e.g. {@code rtt_p50_us}. */
    public String id() {
        return id;
    }

    public Unit unit() {
        return unit;
    }

    public MetricFamily family() {
        return family;
    }

    /** Lower-case words for tables and legends, e.g. "server RSS". */
    public String displayName() {
        return displayName;
    }

    public Better better() {
        return better;
    }

    public Presence presence() {
        return presence;
    }

    /** Whether the report's table for the family summarises this metric (the others are in the data and exports). */
    public boolean tabulated() {
        return tabulated;
    }

    /**
     * The variants' leading part, in measuring order (build: cold, warm, incremental; a variant may add
     * {@code /cacheMode}; image builds add cachemount); empty when the metric has no variants.
     */
    public List<String> phases() {
        return phases;
    }

    public String description() {
        return description;
    }

    /**
     * Whether 0 is a real measurement rather than a broken probe: counts of what may not happen in a window (GC cycles
     * and their pause, throttled periods, OOM kills) and the runtime's own memory, which is 0 natively.
     */
    public boolean canBeZero() {
        return switch (this) {
            case RUNTIME_OVERHEAD_BYTES, SERVER_RSS_SHMEM_BYTES, CPU_THROTTLED_PCT, GC_CYCLES, GC_PAUSE_MS, OOM_KILLS -> true;
            default -> false;
        };
    }

    /** A short id for URLs: the stored name without its unit suffix, e.g. {@code server_rss}. */
    public String shortId() {
        String suffix = "_" + unit.symbol();
        return id.endsWith(suffix) ? id.substring(0, id.length() - suffix.length()) : id;
    }

    /**
     * The order in which reports list variants by their leading part: none first, then the build phases (image builds'
     * cachemount last), then the cold start's parts in the order they happen.
     */
    public static List<String> phaseOrder() {
        List<String> out = new java.util.ArrayList<>(List.of(""));
        out.addAll(IMAGE_BUILD_MS.phases());
        out.addAll(COLD_START_SPLIT_MS.phases());
        return List.copyOf(out);
    }

    /** Every metric, in the order reports list them. */
    public static List<Metric> all() {
        return Arrays.asList(values());
    }

    public static List<String> ids() {
        return all().stream().map(Metric::id).toList();
    }

    /** The metric with this stored name, if probelab measures it. */
    public static Optional<Metric> find(String id) {
        for (Metric m : values()) {
            if (m.id.equals(id)) return Optional.of(m);
        }
        return Optional.empty();
    }

    /** The metric with this stored name; an unknown one is an IllegalArgumentException listing the valid names. */
    public static Metric parse(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown metric '" + id + "'; valid: " + String.join(", ", ids())));
    }
}
