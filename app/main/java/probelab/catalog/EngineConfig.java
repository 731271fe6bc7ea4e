package probelab.catalog;

/**
 * How a container engine is configured, as stored on every run ({@code runs} / {@code v_runs} columns, all null
 * natively): the settings that move the figures as much as the engine itself does (a vfs store, a userland port
 * proxy, cgroup v1), so that a report can name them instead of blaming the runtime.
 *
 * @param storageDriver   e.g. overlay2, overlay, vfs, fuse-overlayfs
 * @param cgroupVersion   1 or 2
 * @param cgroupDriver    cgroupfs, systemd, none (rootless without cgroups)
 * @param ociRuntime      name and version, e.g. {@code runc 1.1.5+ds1}
 * @param networkDriver   bridge, netavark, cni, slirp4netns, pasta, host; rootless engines add their port driver
 * @param userlandProxy   true when published ports pass through a userland process (docker-proxy, rootlessport, rootlesskit builtin)
 * @param securityOptions e.g. {@code seccomp,rootless}
 * @param engineVersion   the engine's own version, e.g. {@code docker 20.10.24+dfsg1}
 */
public record EngineConfig(String storageDriver, String cgroupVersion, String cgroupDriver, String ociRuntime,
                           String networkDriver, Boolean userlandProxy, String securityOptions, String engineVersion) {
    /** No engine (a native run), or an engine that could not be asked. */
    public static final EngineConfig NONE = new EngineConfig(null, null, null, null, null, null, null, null);
}
