package probelab.catalog;

import java.util.Arrays;
import java.util.List;

/** The things a job can measure; the ids are what users type ({@code --metric rtt}) and what reports filter on. */
public enum MetricFamily {
    RTT("rtt", "RTT", "Round-trip time",
            "Closed-loop HTTP latency over one keep-alive connection (service time, not open-loop). Boxes: each "
                    + "iteration's median latency; table p90/p99: every request, from the merged HdrHistograms."),
    COLD_START("cold_start", "cold start", "Cold start",
            "From issuing the run command to the first HTTP 200 of the echo server."),
    MEMORY("memory", "memory", "Memory",
            "Resident memory of the idle echo server, and of the runtime's own processes (daemons, shims, network helpers)."),
    LIMITS("limits", "load and limits", "Under load and limits",
            "What a scenario's load and container limits do to the server, read around each RTT window: throughput and "
                    + "p99 of that window, the share of CFS periods the container was throttled (cgroup cpu.stat), GC cycles "
                    + "and pause time (the server's own runtime counters) and OOM kills (the cgroup's). Empty in the default scenario."),
    BUILD("build", "build", "Build time",
            "The time a user waits for go build (in a container, `run --rm ... go build`) for each generated project size: cold (empty cache), warm (same cache, no change) and "
                    + "incremental (one file edited), per cache mode where the runtime has several."),
    IMAGE_BUILD("image_build", "image build", "Image builds",
            "The time a user waits for docker build / podman build of a multi-stage Dockerfile for each project size "
                    + "(go build FROM the local Go image, then the binaries alone FROM scratch), and the image's size: cold "
                    + "(--no-cache), warm (nothing changed), incremental (one file edited) and cachemount (incremental with "
                    + "GOCACHE in a RUN --mount=type=cache, where the builder has it). Not in a job unless asked for."),
    DEVLOOP("devloop", "development loop", "Development loop",
            "Edit to serving: one file of the generated project is changed and the clock stops when its running server "
                    + "answers with the change. The loop is the one developers run: a file watcher (reflex) that rebuilds and "
                    + "restarts the server on every change, natively on the host, in containers inside a long-running dev "
                    + "container with the source bind-mounted and GOCACHE in the cell's build cache (a named volume)."),
    GO_TEST("go_test", "go test", "go test",
            "The time a user waits for `go test -count=1` of the generated project's packages (in a container, the whole "
                    + "`run --rm ... go test`): warm (the cell's warm cache, test binaries compiled before), cold (an empty "
                    + "cache) and with -race where the toolchain can link it (cgo and a C compiler: natively here, not in "
                    + "probelab's Go-only images). Not in a job unless asked for: a cold test run costs a cold build."),
    FILES("files", "source tree I/O", "Source tree I/O",
            "File I/O on the generated project's source tree where a developer keeps it: on the host disk natively; in a "
                    + "container bind-mounted, copied into a named volume, or in the image's own layer. probes/treewalk times, "
                    + "from inside, a walk that stats, opens and reads every file, and a batch of 200 small files created and "
                    + "deleted; `go build` and `go test` of the tree in the same place are timed from inside by probes/gotime; "
                    + "cold right after dropping the page cache, then warm. Variants are cache/place (cold/bind). "
                    + "Not in a job unless asked for: dropping the page cache slows everything else on the machine for a while.");

    private final String id;
    private final String label;
    private final String title;
    private final String description;

    MetricFamily(String id, String label, String title, String description) {
        this.id = id;
        this.label = label;
        this.title = title;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** Lower-case words for a filter's option, e.g. "cold start". */
    public String label() {
        return label;
    }

    /** A heading, e.g. "Cold start". */
    public String title() {
        return title;
    }

    /** What the family measures and how, in a sentence or two. */
    public String description() {
        return description;
    }

    /** Every metric of this family, in catalog order. */
    public List<Metric> metrics() {
        return Metric.all().stream().filter(m -> m.family() == this).toList();
    }

    /** The metrics that every measured iteration yields: what a failure of the whole family fails. */
    public List<Metric> everyIterationMetrics() {
        return metrics().stream().filter(m -> m.presence() == Presence.EVERY_ITERATION).toList();
    }

    /** The metrics a report's table summarises for this family. */
    public List<Metric> tabulated() {
        return metrics().stream().filter(Metric::tabulated).toList();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(MetricFamily::id).toList();
    }

    /**
     * What a job measures when it names no family: every family but image builds, which cost ~30 s an iteration
     * (four builds) even for the tiny project, go test, whose cold run is a cold build, and source tree I/O, which drops
     * the machine's page cache; each is asked for by name ({@code --metric image_build,go_test,files}).
     */
    public static List<String> defaultIds() {
        return Arrays.stream(values()).filter(f -> f != IMAGE_BUILD && f != GO_TEST && f != FILES).map(MetricFamily::id).toList();
    }

    /** Whether an iteration of this family starts the echo server (RTT, cold start, memory, limits), not a build or a dev loop. */
    public boolean startsServer() {
        return this == RTT || this == COLD_START || this == MEMORY || this == LIMITS;
    }

    /** The family with this id; an unknown one is an {@link UnknownNameException} listing the valid ids. */
    public static MetricFamily parse(String id) {
        for (MetricFamily f : values()) {
            if (f.id.equals(id)) return f;
        }
        throw new UnknownNameException("metric", id, ids());
    }
}
