package probelab.runtime;

import java.util.Map;

/**
 * What each built-in runtime is and how to get it running, for a runtime that is down: the reason says what is
 * missing, this says what to do. A runtime of the user's own (runtimes.json) gets the generic hint.
 */
public final class SetupHints {
    private static final String SETUP = "Installed and started by ./probelab setup on Debian (apt, then the engine).";
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry(NativeRuntime.ID, "The echo server as a plain process: always available."),
            Map.entry("docker", "Docker Engine, rootful, on /var/run/docker.sock. " + SETUP),
            Map.entry("docker-rootless", "Docker Engine run as the unprivileged user probelab (rootlesskit). " + SETUP),
            Map.entry("podman", "Podman as root, daemonless. " + SETUP),
            Map.entry("podman-rootless", "Podman as the unprivileged user probelab, on overlay storage. " + SETUP),
            Map.entry("docker-desktop", "Docker Desktop: Docker Engine in a VM on macOS or Windows (Linux too). Install "
                    + "and start it; its docker context `desktop-linux` must exist (`docker context ls`)."),
            Map.entry("rancher-desktop", "Rancher Desktop with the moby engine: a Lima VM on macOS/Linux, WSL2 on Windows. "
                    + "Install and start it with the dockerd (moby) engine; its context is `rancher-desktop`."),
            Map.entry("rancher-desktop-containerd", "Rancher Desktop with containerd: start it with the containerd "
                    + "engine; probelab calls its nerdctl through `rdctl shell`."),
            Map.entry("colima", "Colima: Docker in a Lima VM on macOS or Linux. `colima start` creates the `colima` context."),
            Map.entry("orbstack", "OrbStack: a light VM for Docker on macOS. Install and start it; its context is `orbstack`."),
            Map.entry("wsl2", "Docker Engine inside a WSL2 distribution (Windows): install Docker Engine in the distribution "
                    + "named in runtimes.json and start it there."));
    private static final String CUSTOM = "A runtime from runtimes.json: check the context, socket or command it names.";

    private SetupHints() {
    }

    public static String of(String runtimeId) {
        return HINTS.getOrDefault(runtimeId, CUSTOM);
    }
}
