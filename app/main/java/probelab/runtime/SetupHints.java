package probelab.runtime;

import probelab.catalog.RuntimeName;
import java.util.Map;

/**
 * What each built-in runtime is and how to get it running, for a runtime that is down: the reason says what is
 * missing, this says what to do. A runtime of the user's own (runtimes.json) gets the generic hint.
 */
public final class SetupHints {
    private static final String SETUP = "Installed and started by ./probelab setup on Debian (apt, then the engine).";
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry(NativeRuntime.ID, "The echo server as a plain process: always available."),
            Map.entry(RuntimeName.DOCKER.id(), "Docker Engine, rootful, on /var/run/docker.sock. " + SETUP),
            Map.entry(RuntimeName.DOCKER_ROOTLESS.id(), "Docker Engine run as the unprivileged user probelab (rootlesskit). " + SETUP),
            Map.entry(RuntimeName.PODMAN.id(), "Podman as root, daemonless. " + SETUP),
            Map.entry(RuntimeName.PODMAN_ROOTLESS.id(), "Podman as the unprivileged user probelab, on overlay storage. " + SETUP),
            Map.entry(RuntimeName.DOCKER_RUNSC.id(), "Rootful Docker running each container in gVisor (runsc, from "
                    + "bookworm-backports), registered in /etc/docker/daemon.json. " + SETUP),
            Map.entry(RuntimeName.PODMAN_RUNSC.id(), "Rootful Podman with --runtime runsc (gVisor, from bookworm-backports). " + SETUP),
            Map.entry(RuntimeName.DOCKER_CRUN.id(), "Rootful Docker with crun as its OCI runtime, registered in "
                    + "/etc/docker/daemon.json. " + SETUP),
            Map.entry(RuntimeName.PODMAN_CRUN.id(), "Rootful Podman with --runtime crun. " + SETUP),
            Map.entry(RuntimeName.DOCKER_DESKTOP.id(), "Docker Desktop: Docker Engine in a VM on macOS or Windows (Linux too). Install "
                    + "and start it; its docker context `desktop-linux` must exist (`docker context ls`)."),
            Map.entry(RuntimeName.RANCHER_DESKTOP.id(), "Rancher Desktop with the moby engine: a Lima VM on macOS/Linux, WSL2 on Windows. "
                    + "Install and start it with the dockerd (moby) engine; its context is `rancher-desktop`."),
            Map.entry(RuntimeName.RANCHER_DESKTOP_CONTAINERD.id(), "Rancher Desktop with containerd: start it with the containerd "
                    + "engine; probelab calls its nerdctl through `rdctl shell`."),
            Map.entry(RuntimeName.COLIMA.id(), "Colima: Docker in a Lima VM on macOS or Linux. `colima start` creates the `colima` context."),
            Map.entry(RuntimeName.ORBSTACK.id(), "OrbStack: a light VM for Docker on macOS. Install and start it; its context is `orbstack`."),
            Map.entry(RuntimeName.WSL2.id(), "Docker Engine inside a WSL2 distribution (Windows): install Docker Engine in the distribution "
                    + "named in runtimes.json and start it there."));
    private static final String CUSTOM = "A runtime from runtimes.json: check the context, socket or command it names.";

    private SetupHints() {
    }

    public static String of(String runtimeId) {
        return HINTS.getOrDefault(runtimeId, CUSTOM);
    }
}
