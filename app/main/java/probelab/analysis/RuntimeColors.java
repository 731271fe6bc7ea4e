package probelab.analysis;

import probelab.catalog.RuntimeName;

import java.util.List;

/**
 * One fixed colour per runtime, the same in every chart and table. Known runtimes get theirs from the catalog
 * ({@link RuntimeName}); others get a stable pick from an extended
 * palette by a hash of their id, so a runtime never changes colour between pages or filters.
 */
public final class RuntimeColors {
    private static final List<String> OTHERS = List.of("#117733", "#999933", "#661100", "#6699CC", "#888888",
            "#88CCEE", "#F0E442", "#000000");

    private RuntimeColors() {
    }

    public static String of(String runtime) {
        // a runtime in a non-default scenario ("docker · cpus=0.5") or on another machine ("docker @ ci-1") is a series
        // of its own, beside the runtime's own colour, so it takes one of the others
        String known = probelab.catalog.Series.isPlainRuntime(runtime)
                ? RuntimeName.find(runtime).map(RuntimeName::color).orElse(null) : null;
        if (known != null) return known;
        return OTHERS.get(Math.floorMod(runtime.hashCode(), OTHERS.size()));
    }
}
