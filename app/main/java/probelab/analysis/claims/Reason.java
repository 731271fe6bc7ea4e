package probelab.analysis.claims;

import java.util.Arrays;
import java.util.List;

/**
 * Why a claim cannot be compared with Probelab's measurements: a fixed list, in the order a claim's first reason is
 * chosen when several apply (the most fundamental first). The ids are what the JSON and the page's filter carry.
 */
public enum Reason {
    QUALITATIVE("qualitative", "qualitative claim",
            "The claim states no figure."),
    RUNTIME_NOT_HERE("runtime_not_here", "runtime not present here",
            "The runtime cannot run on this Linux machine (Docker Desktop, Rancher Desktop, Colima, OrbStack, WSL) or is an "
                    + "orchestrator Probelab does not drive (Kubernetes, Docker Swarm), and the database holds no measurement of it."),
    METRIC_NOT_MEASURED("metric_not_measured", "metric not measured",
            "Probelab does not measure this quantity or unit (I/O latency, ICMP ping, database or benchmark throughput, "
                    + "the phases of a process start, ...)."),
    NETWORK_SETUP("network_setup", "network setup",
            "The figure includes an injected network delay (netem) or another network path (service mesh sidecar, "
                    + "eBPF socket redirection, a cluster service, TCP Fast Open) that Probelab does not set up."),
    OTHER_SUBJECT("other_subject", "measured on something else",
            "The figure is of another program, image or build than the one Probelab measures (its echo server: one static "
                    + "Go binary, CGO_ENABLED=0, alone in a FROM scratch image; its generated projects built for this machine): a "
                    + "base image or image size, a single-stage image, a dynamic or cgo build, a cross-compilation, a web "
                    + "framework or another service. A verdict would compare unlike things, so there is none."),
    OTHER_ENVIRONMENT("other_environment", "other hardware, environment or load",
            "The article states hardware, an OS, a workload, a load or resource limits that differ from Probelab's "
                    + "scenarios on this machine, or leaves out what a build figure depends on (project size, cache state)."),
    RUNTIME_UNSPECIFIED("runtime_unspecified", "runtime not stated",
            "The article does not say which runtime (a plain process, Docker, Podman, ...) the figure comes from."),
    STATISTIC_NOT_DERIVABLE("statistic_not_derivable", "statistic cannot be derived",
            "Probelab summarises per-iteration values by their median and its 95% interval; a mean of per-run p99s, "
                    + "a standard deviation, a maximum, a p95 or a p99.999 cannot be derived from that."),
    NO_MEASUREMENT("no_measurement", "no measurement yet",
            "The claim is comparable, but the database holds no ok samples of the cell it needs (or fewer than 6, "
                    + "too few for a 95% interval of the median): a job would measure it.");

    private final String id;
    private final String label;
    private final String description;

    Reason(String id, String label, String description) {
        this.id = id;
        this.label = label;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** Lower-case words for a table cell, e.g. "runtime not present here". */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Reason::id).toList();
    }

    /** The reason with this id; an IllegalArgumentException listing the valid ids otherwise. */
    public static Reason parse(String id) {
        for (Reason r : values()) if (r.id.equals(id)) return r;
        throw new IllegalArgumentException("unknown reason '" + id + "'; valid: " + String.join(", ", ids()));
    }
}
