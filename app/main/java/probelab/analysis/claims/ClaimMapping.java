package probelab.analysis.claims;

import probelab.catalog.GoVersion;
import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides, from a claim's own columns, which of Probelab's cells it speaks about and every reason it cannot be
 * compared with one. Rules only, no data: the same claim always maps the same way, and adding a claim to the CSV
 * needs no code. Words are matched in the variant, the stated environment and the notes, which the dataset keeps in
 * English.
 */
public final class ClaimMapping {
    /** The runtimes that run on a Linux host like this one; others count as present only once measured here. */
    public static final Set<String> LINUX_RUNTIMES = Set.copyOf(probelab.catalog.RuntimeName.here());

    /** Claim metrics that are a Probelab metric in another unit: the metric and the factor into its unit. */
    private record Alias(String metric, double factor) {
    }

    private static final Map<String, Alias> ALIASES = Map.of("gc_pause_us", new Alias("gc_pause_ms", 0.001));

    /**
     * Claim metrics of the developer's loop that Probelab measures as another quantity: why they stay incomparable,
     * naming what Probelab has instead, so that a reader knows where to look.
     */
    private static final Map<String, String> NEAREST = Map.of(
            "io_latency_us", "a single file operation's latency; Probelab times whole-tree walks (tree_walk_ms: stat, open "
                    + "and read every file of the project), a batch of writes (tree_write_ms), and go build and go test of the "
                    + "project (tree_build_ms, tree_test_ms) per place of the source (host, bind mount, named volume, image "
                    + "layer) and page-cache state (cold, warm), and whole builds per place of the module and build caches "
                    + "(build_ms variants none: the container's layer, volume, bind, and on rootless Podman fuse: the layer "
                    + "through fuse-overlayfs), not one operation",
            "io_latency_ratio", "a ratio of single-operation latencies; Probelab compares whole-tree walks and go build and "
                    + "go test of the project (tree_walk_ms, tree_build_ms, tree_test_ms) between places and runtimes, and "
                    + "whole cold builds with the module cache on fuse-overlayfs against overlay (build_ms cold/fuse against "
                    + "cold/none on rootless Podman), with their interval",
            "io_ops_per_s", "a storage benchmark's operations per second; Probelab times whole-tree walks and writes of the "
                    + "project's source (tree_walk_ms, tree_write_ms)",
            "data_throughput_mb_per_s", "a storage benchmark's bandwidth; Probelab times whole-tree walks and writes of the "
                    + "project's source (tree_walk_ms, tree_write_ms)",
            "benchmark_ns_per_op", "a Go benchmark's ns/op (go test -bench); Probelab times whole go test runs (go_test_ms), "
                    + "not the benchmarks inside them",
            "startup_delay_ms", "a delay added by a wrapper around go test; Probelab times whole go test runs (go_test_ms, "
                    + "go_test_race_ms)",
            "image_build_share_pct", "a stage's share of a BuildKit build (cache matching, go build, export); Probelab times "
                    + "each Dockerfile step of docker's legacy builder and of Buildah (image_build_step_ms beside image_build_ms "
                    + "per phase), and BuildKit's stages need BuildKit, which Debian's docker 20.10 has no buildx for");

    /** Image builds' variants, as the image-build work names them. */

    /** What the runtimes are, for the words of "not present here". */
    private static final Map<String, String> ELSEWHERE = Map.of(
            "docker-desktop", "Docker Desktop runs a VM on macOS or Windows",
            "rancher-desktop", "Rancher Desktop runs a Lima VM on macOS or Windows",
            "colima", "Colima runs a Lima VM on macOS",
            "orbstack", "OrbStack runs on macOS",
            "wsl1", "WSL 1 runs on Windows",
            "wsl2", "WSL 2 runs a VM on Windows",
            "kubernetes", "a Kubernetes cluster is not a runtime Probelab drives",
            "docker-swarm", "Docker Swarm is not a runtime Probelab drives");

    private static final Pattern NETWORK = Pattern.compile(
            "\\b(netem|tc|veth|sidecar|istio|service mesh|k3s|ebpf|sockops|tcp[-_ ]?fast[-_ ]?open|tcp_fastopen)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Stated hardware, OS, platform or workload that is not this machine's: a figure from there is not ours. */
    private static final Pattern ELSEWHERE_ENV = Pattern.compile("\\b(macOS|Windows|WSL\\d?|Lima|Raspberry|\\d+\\s*cores?|"
            + "\\d+\\s*vCPU|\\d+\\s*GB( RAM)?|Xeon|AWS|c6i|CI|production|Kubernetes|load test|openjdk|Spring|Java|"
            + "BuildKit|buildx|GPU|A100)\\b", Pattern.CASE_INSENSITIVE);
    /**
     * What a figure was measured on, where it is not Probelab's subject, as a claim's variant names it: a base image
     * (ours: FROM scratch) or its size, a single-stage image, a dynamic or cgo build (ours: CGO_ENABLED=0), a
     * cross-compilation, a web framework or a service that does work per request (ours: net/http echoing).
     */
    private static final Pattern OTHER_SUBJECT = Pattern.compile("\\b(ubuntu|debian|alpine|centos|distroless|busybox|"
            + "golang:[\\w.-]+|single-stage|\\d+(?:\\.\\d+)?\\s*[GM]B image|dynamic[- ]linking|CGO_ENABLED=1|cgo|"
            + "cross/\\w+|gin|fiber|spring|node\\.js|nginx)\\b", Pattern.CASE_INSENSITIVE);
    /** The same in a stated environment, where a distribution's name is the host's OS, not an image. */
    private static final Pattern OTHER_SUBJECT_STATED = Pattern.compile("\\b(golang:[\\w.-]+|openjdk[\\w:.-]*|"
            + "CGO_ENABLED=1|spring|node\\.js|nginx|task queue service|model pods)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONNECTIONS = Pattern.compile(
            "(\\d+)\\s*(?:concurrent\\s+|keep-alive\\s+)?connections|-c\\s?(\\d+)\\b|(\\d+)\\s*并发|(\\d+)\\s*virtual users",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ONE_CONNECTION = Pattern.compile("\\b(one|a single|single)[ -](keep-alive )?connection",
            Pattern.CASE_INSENSITIVE);
    /** Container resource limits; GOMEMLIMIT is a Go setting, not a limit of the container. */
    private static final Pattern LIMITS = Pattern.compile("(?<!GOMEM)limit|--cpus|--memory|quota", Pattern.CASE_INSENSITIVE);
    private static final Pattern CPUS_HALF = Pattern.compile("--cpus[= ]0?\\.5\\b");
    private static final Pattern MEMORY_64M = Pattern.compile("--memory[= ]64m\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PERCENTILE_METRIC = Pattern.compile("rtt_p(\\d+)_us");

    /** Which claim metrics name which Probelab metric, and which cells it is compared with, for one claim. */
    public record Mapping(ClaimTarget target, List<Finding> findings) {
        public Mapping {
            findings = findings.stream().sorted(Comparator.comparing(Finding::reason)).toList();
        }

        /** True when nothing stands in the way of a comparison (the cell may still be unmeasured). */
        public boolean comparable() {
            return target != null && findings.isEmpty();
        }
    }

    private ClaimMapping() {
    }

    /**
     * The claim's target cell and every reason that applies ({@code runtimeHere} says which runtimes are present).
     * The target is null when the claim names no Probelab metric or no figure.
     */
    public static Mapping map(ClaimFacts c, Predicate<String> runtimeHere) {
        List<Finding> findings = new ArrayList<>();
        if (Double.isNaN(c.value())) findings.add(new Finding(Reason.QUALITATIVE, "the claim states no figure"));
        String runtime = c.runtime();
        if (runtime.equals("unspecified")) {
            findings.add(new Finding(Reason.RUNTIME_UNSPECIFIED, "the article does not say where the figure was measured"));
        } else if (!runtimeHere.test(runtime)) {
            findings.add(new Finding(Reason.RUNTIME_NOT_HERE, ELSEWHERE.getOrDefault(runtime, "'" + runtime
                    + "' is not measured on this Linux machine") + "; nothing in the database measures it"));
        }
        String text = c.variant() + " " + c.statedEnvironment() + " " + c.notes();
        Matcher net = NETWORK.matcher(text);
        if (net.find()) {
            String word = net.group(1).toLowerCase(Locale.ROOT);
            findings.add(new Finding(Reason.NETWORK_SETUP, word.equals("netem") || word.equals("tc")
                    ? "injected network delay (netem): the delay is part of the figure"
                    : "network path through " + word + ", which Probelab does not set up"));
        }
        Matcher subject = OTHER_SUBJECT.matcher(c.variant());
        boolean otherSubject = subject.find();
        if (!otherSubject) {
            subject = OTHER_SUBJECT_STATED.matcher(c.statedEnvironment());
            otherSubject = subject.find();
        }
        if (otherSubject) {
            findings.add(new Finding(Reason.OTHER_SUBJECT, "what was measured (" + subject.group(1) + ") is not what Probelab "
                    + "measures (a static Go echo server alone in a scratch image; generated projects built for this machine)"));
        }
        Matcher env = ELSEWHERE_ENV.matcher(c.statedEnvironment());
        if (env.find()) {
            findings.add(new Finding(Reason.OTHER_ENVIRONMENT, "stated environment (" + env.group(1) + "): " + cut(c.statedEnvironment())));
        }

        String metric = metricOf(c.metric());
        if (Metric.COLD_START_PHASE_MS.id().equals(metric) && serverPart(c.variant()) != null) {
            metric = Metric.COLD_START_SPLIT_MS.id(); // a phase of the process's own start: the server's clock times it
        }
        if (metric == null) {
            findings.add(new Finding(Reason.METRIC_NOT_MEASURED, "Probelab does not measure " + c.metric() + " (" + c.unit() + ")"
                    + (NEAREST.containsKey(c.metric()) ? ": " + NEAREST.get(c.metric()) : "")));
            return new Mapping(null, findings);
        }
        double factor = ALIASES.containsKey(c.metric()) ? ALIASES.get(c.metric()).factor() : 1;

        String variant = variant(c, metric, findings);
        String scenario = scenario(c, metric, findings);
        String size = c.sizeHint().isEmpty() ? null : c.sizeHint();
        if (size == null && isBuild(metric)) {
            findings.add(new Finding(Reason.OTHER_ENVIRONMENT,
                    "the project built is not one of Probelab's sizes (none stated): build time depends on the project"));
        }
        String basis = basis(c, metric, findings);
        String go = c.goVersion().isEmpty() ? null : GoVersion.minor(c.goVersion());
        return new Mapping(new ClaimTarget(runtime, go, size, scenario, metric, variant, factor, basis), findings);
    }

    /** The Probelab metric a claim metric names: the catalog's, or an alias; else null. */
    static String metricOf(String claimMetric) {
        if (Metric.find(claimMetric).isPresent()) return claimMetric;
        Alias a = ALIASES.get(claimMetric);
        return a == null ? null : a.metric();
    }

    private static boolean isBuild(String metric) {
        return Metric.find(metric).map(m -> m.family() == MetricFamily.BUILD || m.family() == MetricFamily.IMAGE_BUILD
                || m.family() == MetricFamily.GO_TEST || m.family() == MetricFamily.DEVLOOP || m.family() == MetricFamily.FILES).orElse(false);
    }

    /** The stored variant a claim's cell has: its build phase, its start phase, or "". */
    private static String variant(ClaimFacts c, String metric, List<Finding> findings) {
        List<String> phases = Metric.find(metric).map(Metric::phases).orElse(List.of());
        List<String> words = List.of(c.variant().toLowerCase(Locale.ROOT).split("[/_]"));
        if (metric.equals(Metric.COLD_START_SPLIT_MS.id())) return serverPart(c.variant());
        if (metric.equals(Metric.COLD_START_PHASE_MS.id())) {
            // the engine's own create/start/ready events, or a part of the process's start the server's clock times
            String first = words.get(0);
            if (Metric.COLD_START_PHASE_MS.phases().contains(first)) return first;
            findings.add(new Finding(Reason.METRIC_NOT_MEASURED, "start phase '" + c.variant() + "' is not one Probelab "
                    + "measures: the engine's events give create, start, ready; the server's own clock gives until_go (the start "
                    + "command to Go's runtime running, which holds loading the binary and its TLS setup), go_init (package "
                    + "init before main), go_listen (main to the listener) and to_answer"));
            return "";
        }
        if (phases.isEmpty()) return "";
        String joined = c.variant().toLowerCase(Locale.ROOT);
        if (joined.contains("first-build") || joined.matches(".*\\bcold\\b.*")) return Metric.COLD;
        if (joined.contains("incremental")) return Metric.INCREMENTAL;
        if (joined.matches(".*\\bwarm\\b.*")) return Metric.WARM;
        if (phases.contains("cachemount") && joined.matches(".*cache-?mount.*")) return "cachemount";
        findings.add(new Finding(Reason.OTHER_ENVIRONMENT,
                "the cache state of the build (" + String.join(", ", phases) + ") is not stated"));
        return "";
    }

    /**
     * The part of a process's start that a claim's variant names, as the server's own clock splits it (package init
     * functions: go_init; binding and listening: go_listen); null for any other phase (loading the ELF file happens before
     * Go's clock starts, so it is inside until_go with the spawn or the engine).
     */
    static String serverPart(String variant) {
        String v = variant.toLowerCase(Locale.ROOT);
        if (v.contains("elf") || v.contains("tls")) return null;
        if (v.matches(".*\\binit(-functions?)?\\b.*")) return Metric.GO_INIT;
        if (v.matches(".*\\b(listen|bind)\\b.*")) return Metric.GO_LISTEN;
        return null;
    }

    /**
     * The scenario a claim's figure was measured in. Figures of the server under load (latency, throughput) need the
     * load the article used to be one of Probelab's; container limits must be one of the limit scenarios.
     */
    private static String scenario(ClaimFacts c, String metric, List<Finding> findings) {
        String text = c.variant() + " " + c.statedEnvironment() + " " + c.notes();
        String scenario = Scenario.DEFAULT.id();
        boolean loadDependent = Metric.find(metric).map(m -> m.family() == MetricFamily.RTT).orElse(false)
                || metric.equals("cpu_throttled_pct") || metric.startsWith("gc_");
        if (loadDependent) {
            Integer connections = connections(text);
            if (connections == null) {
                findings.add(new Finding(Reason.OTHER_ENVIRONMENT, "the load behind the figure (connections, rate) is not stated"));
            } else if (connections == 16) {
                scenario = Scenario.CONNS_16.id();
            } else if (connections == 64) {
                scenario = Scenario.CONNS_64.id();
            } else if (connections != 1) {
                findings.add(new Finding(Reason.OTHER_ENVIRONMENT, "a load of " + connections
                        + " connections is not one of Probelab's scenarios (1, 16 or 64 connections)"));
            }
        }
        String limits = c.variant() + " " + c.statedEnvironment();
        if (LIMITS.matcher(limits).find()) {
            if (CPUS_HALF.matcher(limits).find()) scenario = Scenario.CPUS_HALF.id();
            else if (MEMORY_64M.matcher(limits).find()) scenario = Scenario.MEMORY_64M.id();
            else findings.add(new Finding(Reason.OTHER_ENVIRONMENT,
                    "resource limits other than Probelab's scenarios (--cpus 0.5, --memory 64m)"));
        }
        return scenario;
    }

    /** The number of connections the text names first, 1 for "one connection", null when it names none. */
    static Integer connections(String text) {
        Matcher m = CONNECTIONS.matcher(text);
        if (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) if (m.group(g) != null) return Integer.valueOf(m.group(g));
        }
        return ONE_CONNECTION.matcher(text).find() ? 1 : null;
    }

    /**
     * Which of our statistics stands for the claim's. Probelab keeps one value per iteration and compares medians: an
     * unqualified figure is read as a central value, a mean is set against our median (said so on the row), a
     * percentile only when it is the per-iteration series the metric itself names (rtt_p99_us for a p99).
     */
    private static String basis(ClaimFacts c, String metric, List<Finding> findings) {
        String s = c.statistic();
        Matcher pm = PERCENTILE_METRIC.matcher(metric);
        String metricPercentile = pm.matches() ? "p" + pm.group(1) : null;
        switch (s) {
            case "median", "p50":
                if (metricPercentile == null || metricPercentile.equals("p50")) return "their median against our median";
                break;
            case "unspecified", "typical", "single":
                return "their " + (s.equals("unspecified") ? "unqualified" : s) + " figure against our median";
            case "mean":
                return "their mean against our median";
            case "mean-of-p99":
                findings.add(new Finding(Reason.STATISTIC_NOT_DERIVABLE,
                        "a mean of per-run p99s: Probelab merges request histograms and never averages percentiles"));
                return "";
            default:
                if (s.equals(metricPercentile)) return "their " + s + " against the median of our per-iteration " + s;
        }
        findings.add(new Finding(Reason.STATISTIC_NOT_DERIVABLE, "a " + s + " of " + metric
                + ": Probelab compares medians of per-iteration values with their 95% interval"));
        return "";
    }

    private static String cut(String s) {
        return s.length() > 140 ? s.substring(0, 140) + "…" : s;
    }
}
