package probelab.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The runtimes probelab knows by name, one catalog every layer reads: the registry's built-in engines, the report's
 * colours, which runtimes a published claim may name and which of them this kind of machine (Linux, no VM) runs.
 * Colours: Okabe-Ito for the engines that run here (distinguishable with the common colour-vision deficiencies), Paul
 * Tol's muted palette for the VM-backed ones, none shared.
 */
public enum RuntimeName {
    NATIVE("native", "#009E73", Where.HERE),
    DOCKER("docker", "#0072B2", Where.HERE),
    DOCKER_ROOTLESS("docker-rootless", "#56B4E9", Where.HERE),
    PODMAN("podman", "#D55E00", Where.HERE),
    PODMAN_ROOTLESS("podman-rootless", "#E69F00", Where.HERE),
    /** Rootful Docker running containers in gVisor's user-space kernel (runsc) instead of runc. */
    DOCKER_RUNSC("docker-runsc", "#EE3377", Where.HERE, "docker"),
    /** Rootful Podman running containers in gVisor (runsc). */
    PODMAN_RUNSC("podman-runsc", "#CC3311", Where.HERE, "podman"),
    /** Rootful Docker with crun as its OCI runtime. */
    DOCKER_CRUN("docker-crun", "#009988", Where.HERE, "docker"),
    /** Rootful Podman with crun as its OCI runtime. */
    PODMAN_CRUN("podman-crun", "#BBBBBB", Where.HERE, "podman"),
    NERDCTL("nerdctl", "#CC79A7", Where.ELSEWHERE),
    DOCKER_DESKTOP("docker-desktop", "#332288", Where.ELSEWHERE),
    RANCHER_DESKTOP("rancher-desktop", "#882255", Where.ELSEWHERE),
    RANCHER_DESKTOP_CONTAINERD("rancher-desktop-containerd", "#AA4499", Where.ELSEWHERE),
    COLIMA("colima", "#44AA99", Where.ELSEWHERE),
    ORBSTACK("orbstack", "#CC6677", Where.ELSEWHERE),
    WSL2("wsl2", "#DDCC77", Where.ELSEWHERE),
    /** A docker context or engine endpoint the user named: not a runtime a claim can speak of. */
    EXTERNAL("external", "#555555", Where.UNNAMED);

    /** HERE: Linux engines a machine like this one installs and runs; ELSEWHERE: VM-backed or other platforms. */
    public enum Where { HERE, ELSEWHERE, UNNAMED }

    private final String id;
    private final String color;
    private final Where where;
    private final String variantOf;

    RuntimeName(String id, String color, Where where) {
        this(id, color, where, null);
    }

    RuntimeName(String id, String color, Where where, String variantOf) {
        this.id = id;
        this.color = color;
        this.where = where;
        this.variantOf = variantOf;
    }

    public String id() {
        return id;
    }

    /** The runtime's fixed colour in every chart and table. */
    public String color() {
        return color;
    }

    /**
     * The engine this runtime is with another OCI runtime (gVisor, crun), or null for an engine as it comes. Such a
     * variant answers "what does the OCI runtime cost?", asked by name; the first look (./probelab run) leaves it out.
     */
    public String variantOf() {
        return variantOf;
    }

    /** Whether a first look over every available runtime includes this one: not the OCI runtime variants. */
    public static boolean inFirstLook(String id) {
        return find(id).map(r -> r.variantOf == null).orElse(true);
    }

    public static Optional<RuntimeName> find(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** Runtimes a published claim may name and probelab can speak of (every named runtime). */
    public static List<String> claimable() {
        return Arrays.stream(values()).filter(r -> r.where != Where.UNNAMED).map(RuntimeName::id).toList();
    }

    /** The runtimes a Linux machine like this one runs: what the fact-check can measure here. */
    public static List<String> here() {
        return Arrays.stream(values()).filter(r -> r.where == Where.HERE).map(RuntimeName::id).toList();
    }
}
