package probelab.probe;

import probelab.catalog.Metric;

import java.util.List;

/** Which build phases a cache mode measures: without a cache only a cold build means anything. */
public final class BuildPhases {
    /** The cache mode that keeps nothing between builds. */
    public static final String NO_CACHE = "none";

    private BuildPhases() {
    }

    public static List<String> of(String cacheMode) {
        return cacheMode.equals(NO_CACHE) ? List.of(Metric.COLD) : Metric.BUILD_MS.phases();
    }
}
