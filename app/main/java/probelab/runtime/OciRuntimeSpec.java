package probelab.runtime;

import probelab.catalog.RuntimeName;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that tells one docker-compatible runtime from another, as data: which CLI, how it is reached
 * (context, socket, another user, a WSL distro), where memory figures come from and which processes are the
 * runtime's own. One adapter ({@link OciCliRuntime}) runs every spec, so the desktop runtimes that cannot run
 * here share the code path of the engines that are tested here.
 *
 * <p>{@code {uid}} in {@link #env} and {@link #globalArgs} is replaced with the uid of {@link #runAsUser}
 * (or of this process), so a config file can name a rootless socket without knowing the uid.
 *
 * @param id                   contract id, e.g. {@code docker-rootless}
 * @param displayName          human name
 * @param engine               which CLI dialect the commands follow
 * @param cli                  the CLI binary: docker, podman, nerdctl (a name on PATH or an absolute path)
 * @param wrapper              argv prefix that reaches the CLI elsewhere, e.g. {@code wsl.exe -d Ubuntu --}; empty here
 * @param globalArgs           arguments before the subcommand, e.g. {@code --context colima} or {@code -H unix:///...}
 * @param context              the docker context this runtime uses, if any (checked first by availability)
 * @param env                  environment of the CLI, e.g. DOCKER_HOST, XDG_RUNTIME_DIR
 * @param runAsUser            run the CLI as this user through {@code runuser} (rootless engines); null for this process's user
 * @param memorySource         where the server's RSS comes from
 * @param overheadOwner        whose processes count as overhead
 * @param overheadProcesses    process names (comm) that are the runtime's own
 * @param overheadTrees        process names whose whole subtree is the runtime's own (e.g. rootlesskit)
 * @param overheadExcludeTrees process names whose subtree belongs to another runtime of the same user
 * @param cacheModes           build cache variants measured: none, volume, bind (default), fuse (Podman only)
 * @param toolchainImageSource {@code local}: Go image built from this machine's GOROOT; {@code pull}: official golang:X.Y
 * @param ociRuntime           the OCI runtime every container runs with ({@code --runtime NAME} on run and create, and on
 *                             podman's builds), e.g. runsc (gVisor) or crun; null for the engine's default (runc here)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OciRuntimeSpec(String id, String displayName, Engine engine, String cli, List<String> wrapper,
                             List<String> globalArgs, String context, Map<String, String> env, String runAsUser,
                             MemorySource memorySource, OverheadOwner overheadOwner, List<String> overheadProcesses,
                             List<String> overheadTrees, List<String> overheadExcludeTrees, List<String> cacheModes,
                             ToolchainImageSource toolchainImageSource, String ociRuntime) {

    /** A spec on the engine's default OCI runtime. */
    public OciRuntimeSpec(String id, String displayName, Engine engine, String cli, List<String> wrapper,
                          List<String> globalArgs, String context, Map<String, String> env, String runAsUser,
                          MemorySource memorySource, OverheadOwner overheadOwner, List<String> overheadProcesses,
                          List<String> overheadTrees, List<String> overheadExcludeTrees, List<String> cacheModes,
                          ToolchainImageSource toolchainImageSource) {
        this(id, displayName, engine, cli, wrapper, globalArgs, context, env, runAsUser, memorySource, overheadOwner,
                overheadProcesses, overheadTrees, overheadExcludeTrees, cacheModes, toolchainImageSource, null);
    }

    /** The CLI dialect: decides the few commands whose flags differ (version, stats support). */
    public enum Engine {
        @JsonProperty("docker") DOCKER,
        @JsonProperty("podman") PODMAN,
        @JsonProperty("nerdctl") NERDCTL
    }

    /** Where the server's resident memory is read. */
    public enum MemorySource {
        /** /proc of the container's main process, which must be a process of this host (engines on this kernel). */
        @JsonProperty("proc") PROC,
        /** the engine's {@code stats} (VM-backed engines: the container's pid is not on this host). */
        @JsonProperty("stats") STATS,
        /** /proc when the pid the engine reports is verifiably the container's process here, else stats. */
        @JsonProperty("proc_or_stats") PROC_OR_STATS
    }

    /** Whose processes are summed into the runtime overhead. */
    public enum OverheadOwner {
        /** uid 0 (rootful engines). */
        @JsonProperty("root") ROOT,
        /** the run-as user, or this process's user (rootless engines, desktop VMs). */
        @JsonProperty("self") SELF,
        /** any user. */
        @JsonProperty("any") ANY
    }

    /** Where the Go toolchain image comes from. */
    public enum ToolchainImageSource {
        @JsonProperty("local") LOCAL,
        @JsonProperty("pull") PULL
    }

    /**
     * Every build cache mode a container runtime may have: none (GOCACHE and GOMODCACHE in the container's layer), a
     * named volume, a bind-mounted host directory, and fuse (the layer again, mounted by fuse-overlayfs as rootless
     * engines did before native rootless overlay: Podman's {@code --storage-opt overlay.mount_program}).
     */
    public static final List<String> ALL_CACHE_MODES = List.of("none", "volume", "bind", "fuse");
    /** The cache modes of a runtime whose recipe names none. */
    public static final List<String> DEFAULT_CACHE_MODES = List.of("none", "volume", "bind");

    public OciRuntimeSpec {
        if (id == null || !id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("runtime id must be lower-case letters, digits, '.', '_' or '-', got '" + id + "'");
        }
        if (cli == null || cli.isBlank()) throw new IllegalArgumentException("runtime '" + id + "' needs a cli");
        displayName = displayName == null ? id : displayName;
        engine = engine != null ? engine : guessEngine(cli);
        wrapper = wrapper == null ? List.of() : List.copyOf(wrapper);
        globalArgs = globalArgs == null ? List.of() : List.copyOf(globalArgs);
        env = env == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(env));
        memorySource = memorySource == null ? MemorySource.PROC_OR_STATS : memorySource;
        overheadOwner = overheadOwner == null ? OverheadOwner.SELF : overheadOwner;
        overheadProcesses = overheadProcesses == null ? List.of() : List.copyOf(overheadProcesses);
        overheadTrees = overheadTrees == null ? List.of() : List.copyOf(overheadTrees);
        overheadExcludeTrees = overheadExcludeTrees == null ? List.of() : List.copyOf(overheadExcludeTrees);
        cacheModes = cacheModes == null ? DEFAULT_CACHE_MODES : List.copyOf(cacheModes);
        for (String m : cacheModes) {
            if (!ALL_CACHE_MODES.contains(m)) {
                throw new IllegalArgumentException("runtime '" + id + "': unknown cache mode '" + m + "'; valid: " + ALL_CACHE_MODES);
            }
            if (m.equals("fuse") && engine != Engine.PODMAN) {
                throw new IllegalArgumentException("runtime '" + id + "': cache mode fuse needs Podman (--storage-opt overlay.mount_program)");
            }
        }
        toolchainImageSource = toolchainImageSource == null ? ToolchainImageSource.LOCAL : toolchainImageSource;
        if (ociRuntime != null && !ociRuntime.matches("[A-Za-z0-9._/-]+")) {
            throw new IllegalArgumentException("runtime '" + id + "': OCI runtime must be a name or a path, got '" + ociRuntime + "'");
        }
    }

    /** The arguments every CLI call starts with: the context first, then the other global arguments. */
    public List<String> effectiveGlobalArgs() {
        if (context == null) return globalArgs;
        List<String> g = new ArrayList<>(List.of("--context", context));
        g.addAll(globalArgs);
        return List.copyOf(g);
    }

    private static Engine guessEngine(String cli) {
        String base = cli.substring(cli.lastIndexOf('/') + 1);
        if (base.startsWith("podman")) return Engine.PODMAN;
        if (base.startsWith("nerdctl")) return Engine.NERDCTL;
        return Engine.DOCKER;
    }

    /** A copy with another id and name, e.g. to point the Docker Desktop recipe at a test context. */
    public OciRuntimeSpec withContext(String newId, String newDisplayName, String newContext) {
        return new OciRuntimeSpec(newId, newDisplayName, engine, cli, wrapper, globalArgs, newContext, env, runAsUser, memorySource,
                overheadOwner, overheadProcesses, overheadTrees, overheadExcludeTrees, cacheModes, toolchainImageSource, ociRuntime);
    }

    /**
     * The same engine with another OCI runtime: {@code runtimeProcesses} (the OCI runtime's own host processes) count as
     * overhead beside the engine's. gVisor's sandbox runs the server inside its own kernel, so the server is not a
     * process of this host: its memory is the engine's stats of the sandbox ({@code proc_or_stats}).
     */
    public OciRuntimeSpec withOciRuntime(String newId, String newDisplayName, String newOciRuntime, List<String> runtimeProcesses,
                                         List<String> extraGlobalArgs) {
        List<String> overhead = new ArrayList<>(overheadProcesses);
        overhead.addAll(runtimeProcesses);
        List<String> global = new ArrayList<>(globalArgs);
        global.addAll(extraGlobalArgs);
        return new OciRuntimeSpec(newId, newDisplayName, engine, cli, wrapper, global, context, env, runAsUser,
                MemorySource.PROC_OR_STATS, overheadOwner, overhead, overheadTrees, overheadExcludeTrees, cacheModes,
                toolchainImageSource, newOciRuntime);
    }

    // ---- the built-in recipes -------------------------------------------------------------------------------

    private static final List<String> DOCKER_DAEMONS = List.of("dockerd", "containerd", "containerd-shim",
            "containerd-shim-runc-v2", "docker-proxy");

    /** Docker Engine, rootful, on this host's default socket. */
    public static OciRuntimeSpec docker() {
        return new OciRuntimeSpec(RuntimeName.DOCKER.id(), "Docker Engine (rootful)", Engine.DOCKER, "docker", null,
                List.of("-H", "unix:///var/run/docker.sock"), null, null, null, MemorySource.PROC, OverheadOwner.ROOT,
                DOCKER_DAEMONS, List.of("dockerd"), null, null, null);
    }

    /**
     * Docker Engine, rootless, as {@code user} (started by {@code ./probelab setup} with
     * XDG_RUNTIME_DIR=/run/probelab-UID).
     */
    public static OciRuntimeSpec dockerRootless(String user) {
        return new OciRuntimeSpec(RuntimeName.DOCKER_ROOTLESS.id(), "Docker Engine (rootless)", Engine.DOCKER, "docker", null,
                null, null, Map.of("XDG_RUNTIME_DIR", "/run/probelab-{uid}", "DOCKER_HOST", "unix:///run/probelab-{uid}/docker.sock"),
                user, MemorySource.PROC, OverheadOwner.SELF,
                // rootlesskit's tree holds slirp4netns, dockerd, containerd and the port proxies; shims are re-parented
                // to init, so they are named. Not slirp4netns by name: rootless Podman of the same user has its own.
                List.of("containerd-shim", "containerd-shim-runc-v2"), List.of("rootlesskit"), null, null, null);
    }

    /** Podman, rootful: no daemon; conmon per container, netavark for ports. */
    public static OciRuntimeSpec podman() {
        return new OciRuntimeSpec(RuntimeName.PODMAN.id(), "Podman (rootful)", Engine.PODMAN, "podman", null, null, null, null, null,
                MemorySource.PROC, OverheadOwner.ROOT, List.of("conmon", "netavark", "aardvark-dns", "catatonit"),
                null, null, null, null);
    }

    /** Podman, rootless, as {@code user}: conmon, slirp4netns and rootlessport per container, a pause process. */
    public static OciRuntimeSpec podmanRootless(String user) {
        return new OciRuntimeSpec(RuntimeName.PODMAN_ROOTLESS.id(), "Podman (rootless)", Engine.PODMAN, "podman", null, null, null,
                Map.of("XDG_RUNTIME_DIR", "/run/probelab-{uid}"), user, MemorySource.PROC, OverheadOwner.SELF,
                List.of("conmon", "slirp4netns", "pasta", "rootlessport", "rootlessport-child", "podman pause", "catatonit",
                        "aardvark-dns"),
                // rootlessport's child is called "exe"; rootless Docker of the same user has its own "exe" and slirp4netns
                List.of("rootlessport"), List.of("rootlesskit"), List.of("none", "volume", "bind", "fuse"), null);
    }

    /**
     * The docker CLI with a context, the way users reach VM-backed engines (Docker Desktop, Rancher Desktop,
     * Colima, OrbStack); {@code vmProcesses} are the host processes of that VM.
     */
    public static OciRuntimeSpec dockerContext(String id, String displayName, String context, List<String> vmProcesses) {
        return new OciRuntimeSpec(id, displayName, Engine.DOCKER, "docker", null, null, context, null, null,
                MemorySource.PROC_OR_STATS, OverheadOwner.SELF, vmProcesses, null, null, null, null);
    }

    /** Every built-in container runtime, in the order users see them. */
    public static List<OciRuntimeSpec> builtIns(String rootlessUser) {
        return List.of(
                docker(),
                dockerRootless(rootlessUser),
                podman(),
                podmanRootless(rootlessUser),
                // the OCI runtime as a dimension: the rootful engines with gVisor and with crun. gVisor's sandbox (the
                // Sentry) and gofer re-exec runsc, so their comm is "exe". runsc runs with --network=host: its own
                // netstack refuses to start here ("cannot run with network enabled in root network namespace": the
                // 2024-07 release tells the root namespace by /proc/sys/net/core/rmem_default, which kernel 6.x has in
                // every namespace); docker gets the flag from daemon.json's runtimeArgs (./probelab setup)
                docker().withOciRuntime(RuntimeName.DOCKER_RUNSC.id(), "Docker Engine (rootful), gVisor runsc", "runsc",
                        List.of("runsc", "exe"), List.of()),
                podman().withOciRuntime(RuntimeName.PODMAN_RUNSC.id(), "Podman (rootful), gVisor runsc", "runsc",
                        List.of("runsc", "exe"), List.of("--runtime-flag", "network=host")),
                docker().withOciRuntime(RuntimeName.DOCKER_CRUN.id(), "Docker Engine (rootful), crun", "crun", List.of(), List.of()),
                podman().withOciRuntime(RuntimeName.PODMAN_CRUN.id(), "Podman (rootful), crun", "crun", List.of(), List.of()),
                dockerContext("docker-desktop", "Docker Desktop", "desktop-linux",
                        List.of("com.docker.backend", "com.docker.virtualization", "com.docker.vpnkit", "vpnkit",
                                "qemu-system-x86_64", "qemu-system-aarch64", "Docker Desktop")),
                dockerContext("rancher-desktop", "Rancher Desktop (moby)", "rancher-desktop",
                        List.of("qemu-system-x86_64", "qemu-system-aarch64", "limactl", "Rancher Desktop")),
                dockerContext("colima", "Colima", "colima",
                        List.of("qemu-system-x86_64", "qemu-system-aarch64", "limactl", "colima")),
                dockerContext("orbstack", "OrbStack", "orbstack",
                        List.of("OrbStack", "OrbStack Helper", "orbstack")),
                new OciRuntimeSpec(RuntimeName.RANCHER_DESKTOP_CONTAINERD.id(), "Rancher Desktop (containerd, nerdctl)", Engine.NERDCTL,
                        "nerdctl", null, null, null, null, null, MemorySource.PROC_OR_STATS, OverheadOwner.SELF,
                        List.of("qemu-system-x86_64", "qemu-system-aarch64", "limactl", "Rancher Desktop"), null, null,
                        null, null),
                // WSL2: the docker CLI inside a distro; the container runs in WSL's VM, so memory comes from stats.
                new OciRuntimeSpec(RuntimeName.WSL2.id(), "Docker Engine in WSL2", Engine.DOCKER, "docker",
                        List.of("wsl.exe", "-d", "Ubuntu", "--"), null, null, null, null, MemorySource.STATS,
                        OverheadOwner.SELF, List.of("vmmem", "vmmemWSL", "wslservice.exe"), null, null, null, null));
    }
}
