package probelab.report;

import probelab.catalog.BadInput;
import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;


import java.util.Arrays;
import java.util.List;

/**
 * The notebook's cells, in page order: each one declaration of its metric family, its shape and its words. Each has
 * its own URL, a .json twin and CSV downloads; the live report ({@link ReportCells}), the report file's script
 * (static/js/reportfile/cells.js, which reads these declarations from the file's catalog) and the twins compute a cell
 * by its shape, so a new cell of a known shape is one entry here.
 */
public enum CellKind {
    RTT(MetricFamily.RTT, Shape.RTT, null, null, null, List.of(), null, null, null),
    COLD_START(MetricFamily.COLD_START, Shape.SERIES_BOXES, "Run command to first HTTP 200", "cold start", null,
            List.of("Where the start goes is read twice: from the engine's event times (start phase: create, start, ready; "
                    + "containers only) and from the server's own clock (where the start goes: until Go runs, Go's init, main "
                    + "to listening, listening to the first answer; every runtime, and the four add up to the cold start)."),
            null, new Parts(Metric.COLD_START_SPLIT_MS.id(), List.of("until Go runs", "Go's init", "main to listening",
                    "to the first answer")), null),
    MEMORY(MetricFamily.MEMORY, Shape.STACKED_BARS, "Idle server and runtime processes (medians)", null,
            "Memory: server and runtime overhead per runtime",
            List.of("Runtime overhead is the resident memory of the runtime's own processes (0 natively); "
                    + "container memory is the runtime's own accounting where it has one (cgroup)."), null, null, null),
    LIMITS(MetricFamily.LIMITS, Shape.SERIES_BOXES, "Throughput of each RTT window", "throughput", null,
            List.of("Pick scenarios in the filter (e.g. cpus=0.5 and cpus=0.5,gomaxprocs=quota) and one of them as "
                    + "the baseline to compare them; each non-default scenario is a series of its own."), null, null, null),
    BUILD(MetricFamily.BUILD, Shape.SIZE_LINES, "Median build time by project size (95% CI)", null,
            "Build time against project size",
            List.of("Variants are phase/cache mode: cold starts from an empty cache, warm "
                    + "rebuilds unchanged, incremental rebuilds after editing one file. Ratios compare the same phase. The chart "
                    + "pools Go versions.", "Cache modes say where GOCACHE and GOMODCACHE live: host natively; in containers "
                    + "none (the container's layer, thrown away with it), volume (a named volume), bind (a host directory), and "
                    + "on rootless Podman fuse (the layer again, mounted by fuse-overlayfs; measured when asked for by name).", "Build time is what a user waits for (in containers: `run --rm ... go build`, start "
                    + "and removal included); go build itself is timed inside the container or process by probes/gotime."),
            new Split(Metric.BUILD_INNER_MS.id(), "go build"), null, null),
    IMAGE_BUILD(MetricFamily.IMAGE_BUILD, Shape.SIZE_LINES, "Median image build time by project size (95% CI)", null,
            "Image build time against project size",
            List.of("Each value is one `docker build` / `podman build` of a multi-stage "
                    + "Dockerfile (go build FROM the local Go image, the binaries FROM scratch): cold with --no-cache, warm with "
                    + "nothing changed, incremental after editing one file, cachemount the same incremental build with GOCACHE in "
                    + "a RUN --mount=type=cache. Image size is what `image inspect` reports. The chart pools Go versions.",
                    "Docker here builds with its legacy builder (no buildx plugin, so no BuildKit and no cache mounts); podman "
                            + "builds with Buildah. Each sample's detail names the builder and its version."),
            null, null, "image builds"),
    DEVLOOP(MetricFamily.DEVLOOP, Shape.SIZE_LINES, "Median edit to serving by project size (95% CI)", null,
            "Edit to serving against project size",
            List.of("Each value is one edit of one file, timed from the write to the first answer of the running server that "
                    + "shows it: the watcher's event (across the bind mount in containers), go run's rebuild and the restart. "
                    + "Variants are the ways the loop runs: watch is `reflex -s -- go run`, natively or in a long-running dev "
                    + "container (source bind-mounted, GOCACHE in a named volume); entr is `entr -r go run` natively; restart is "
                    + "the developer's own go build and restart (start-stop-daemon natively, `restart -t 0` of the dev container); "
                    + "image rebuilds the image and replaces its container. Each sample's detail is the command. The chart pools "
                    + "Go versions."),
            null, null, null),
    GO_TEST(MetricFamily.GO_TEST, Shape.SIZE_LINES, "Median go test time by project size (95% CI)", null,
            "go test time against project size",
            List.of("Each value is one `go test -count=1` of the project's packages (in containers: `run --rm ... go test`, "
                    + "start and removal included): cold into an empty cache, warm with the cell's warm cache, -race where the "
                    + "toolchain links it. The chart pools Go versions."),
            null, null, null),
    FILES(MetricFamily.FILES, Shape.SIZE_LINES, "Median source tree walk by project size (95% CI)", null,
            "Source tree walk time against project size",
            List.of("Each value is probes/treewalk's own time, measured inside the place that holds the tree: a walk that "
                    + "stats, opens and reads every file of the project, and 200 files of 4 KiB created and deleted there "
                    + "(tree write); and `go build` and `go test -count=1` of the project there (build in place, go test in "
                    + "place), timed inside by probes/gotime with the build and module caches filled beforehand, so what differs "
                    + "is where go reads the source from. Variants are cache/place: cold right after dropping the page cache, "
                    + "warm the same again; "
                    + "host (natively), bind (bind mount), volume (a copy in a named volume), image (in the image's layer; "
                    + "writes land in the container's writable layer). Ratios compare the same cache state, whichever the "
                    + "place. The container's start is not in the figures; each sample's detail has the whole run's wall time."),
            null, null, null),
    HEATMAP(null, Shape.HEATMAP, null, null, null, List.of(), null, null, null);

    /**
     * How a cell computes its table and chart. RTT: per-iteration medians and merged histograms. SERIES_BOXES: every
     * metric of the cell per series with sizes pooled, boxes of the first. STACKED_BARS: server and runtime memory per
     * runtime. SIZE_LINES: every metric per project size and variant, lines of the first across sizes (Go versions
     * pooled). HEATMAP: one metric per runtime and Go version.
     */
    public enum Shape {
        RTT(List.of("box", "cdf")), SERIES_BOXES(List.of("box")), STACKED_BARS(List.of("bars")), SIZE_LINES(List.of("lines")),
        HEATMAP(List.of("heatmap"));

        private final List<String> figures;

        Shape(List<String> figures) {
            this.figures = figures;
        }

        /** Lower case, as the report file's catalog spells it. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A part of the cell's first metric that another metric times (go build inside a build): a note splits the medians. */
    public record Split(String innerMetric, String innerWords) {
    }

    /**
     * The cell's first metric split into consecutive parts, one variant of {@code metric} each (in the metric's phase
     * order, with {@code words} for each): a note gives each runtime's median parts.
     */
    public record Parts(String metric, List<String> words) {
    }

    private static final String HEATMAP_TITLE = "Runtime × Go version";
    private static final String HEATMAP_DESCRIPTION =
            "The median of one metric for each runtime and Go version, with its ratio to the baseline runtime.";

    private final MetricFamily family;
    private final Shape shape;
    private final String chartTitle;
    private final String axis;
    private final String chartLabel;
    private final List<String> notes;
    private final Split split;
    private final Parts parts;
    private final String noBaselineWords;

    CellKind(MetricFamily family, Shape shape, String chartTitle, String axis, String chartLabel, List<String> notes,
             Split split, Parts parts, String noBaselineWords) {
        this.family = family;
        this.shape = shape;
        this.chartTitle = chartTitle;
        this.axis = axis;
        this.chartLabel = chartLabel;
        this.notes = notes;
        this.split = split;
        this.parts = parts;
        this.noBaselineWords = noBaselineWords;
    }

    public Shape shape() {
        return shape;
    }

    /** The title of the cell's chart (RTT and the heatmap title theirs from what they show). */
    public String chartTitle() {
        return chartTitle;
    }

    /** The box plot's axis word (SERIES_BOXES). */
    public String axis() {
        return axis;
    }

    /** What the chart is, for screen readers; null: "{title}: box plots per runtime" and the like, from the shape. */
    public String chartLabel() {
        return chartLabel;
    }

    /** The notes a cell of this kind always carries, after the sizes-pooled one where sizes pool. */
    public List<String> notes() {
        return notes;
    }

    /** Null unless the cell's second metric times a part of its first. */
    public Split split() {
        return split;
    }

    /** Null unless a metric of the cell splits its first one into parts (the cold start by the server's clock). */
    public Parts parts() {
        return parts;
    }

    /**
     * Null: ratios are to the filter's baseline. Otherwise the baseline may have none of these (native has no image
     * builds), and the cell compares with the first runtime that has some, saying "{baseline} has no {words}".
     */
    public String noBaselineWords() {
        return noBaselineWords;
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
        return shape.figures;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(CellKind::id).toList();
    }

    /** The cell a URL names; an unknown one is a missing page. */
    public static CellKind parse(String id) {
        for (CellKind c : values()) {
            if (c.id().equals(id)) return c;
        }
        throw new UnknownCell("there is no cell named " + BadInput.quote(id) + "; cells: " + String.join(", ", ids()));
    }
}
