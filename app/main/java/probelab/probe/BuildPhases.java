package probelab.probe;

import probelab.catalog.Metric;

import java.util.List;

/** Which build phases a cache mode measures: without a cache only a cold build means anything. */
public final class BuildPhases {
    /** The cache mode that keeps nothing between builds. */
    public static final String NO_CACHE = "none";
    /**
     * The other one: the container's layer, as none, mounted by fuse-overlayfs; measured only when asked for by name
     * ({@code --cache-mode fuse}), as it exists to answer one question (module cache on fuse-overlayfs against overlay).
     */
    public static final String FUSE_LAYER = "fuse";

    private BuildPhases() {
    }

    public static List<String> of(String cacheMode) {
        return keepsNothing(cacheMode) ? List.of(Metric.COLD) : Metric.BUILD_MS.phases();
    }

    /** True for the modes whose cache goes with the build's container: they have no warm cache to keep. */
    public static boolean keepsNothing(String cacheMode) {
        return cacheMode.equals(NO_CACHE) || cacheMode.equals(FUSE_LAYER);
    }

    /** The modes a job measures when it names none: all of the runtime's but those asked for by name only. */
    public static List<String> byDefault(List<String> runtimeModes) {
        return runtimeModes.stream().filter(m -> !m.equals(FUSE_LAYER)).toList();
    }
}
