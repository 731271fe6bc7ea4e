package probelab.catalog;

/** Which way a metric improves: it decides whether a ratio above 1 against the baseline reads as slower or faster. */
public enum Better {
    LOWER, HIGHER
}
