package probelab.analysis;

import java.util.List;
import java.util.Map;

/**
 * One fixed colour per runtime, the same in every chart and table. Known runtimes get colours from the Okabe-Ito
 * palette (distinguishable with the common colour-vision deficiencies); others get a stable pick from an extended
 * palette by a hash of their id, so a runtime never changes colour between pages or filters.
 */
public final class RuntimeColors {
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("native", "#009E73"),
            Map.entry("docker", "#0072B2"),
            Map.entry("docker-rootless", "#56B4E9"),
            Map.entry("podman", "#D55E00"),
            Map.entry("podman-rootless", "#E69F00"),
            Map.entry("nerdctl", "#CC79A7"),
            // the VM-backed engines from Paul Tol's muted palette, none shared with the above
            Map.entry("docker-desktop", "#332288"),
            Map.entry("rancher-desktop", "#882255"),
            Map.entry("rancher-desktop-containerd", "#AA4499"),
            Map.entry("colima", "#44AA99"),
            Map.entry("orbstack", "#CC6677"),
            Map.entry("wsl2", "#DDCC77"),
            Map.entry("external", "#555555"));
    private static final List<String> OTHERS = List.of("#117733", "#999933", "#661100", "#6699CC", "#888888",
            "#88CCEE", "#F0E442", "#000000");

    private RuntimeColors() {
    }

    public static String of(String runtime) {
        // a runtime in a non-default scenario ("docker · cpus=0.5") or on another machine ("docker @ ci-1") is a series
        // of its own, beside the runtime's own colour, so it takes one of the others
        String known = probelab.catalog.Series.isPlainRuntime(runtime) ? KNOWN.get(runtime) : null;
        if (known != null) return known;
        return OTHERS.get(Math.floorMod(runtime.hashCode(), OTHERS.size()));
    }
}
