package probelab.catalog;

/**
 * Whether every measured iteration of a family yields the metric. When a whole family cannot be measured, its
 * {@link #EVERY_ITERATION} metrics each get a failed sample with the reason; the others, which only some runtimes
 * expose (cgroup accounting, start phases, a build's peak RSS), are not invented as failures.
 */
public enum Presence {
    EVERY_ITERATION, WHERE_EXPOSED
}
