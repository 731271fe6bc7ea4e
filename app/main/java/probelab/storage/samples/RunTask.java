package probelab.storage.samples;

/**
 * How far one task of a run (its server families, or its builds) got under the job's sampling, and why it stopped:
 * a row of {@code run_tasks}.
 *
 * @param halfWidthPct the widest 95% interval of a key series' median as +/- % of it, or null without an interval
 * @param targetPct    the precision asked for, or null when the job fixed the count with repeat
 */
public record RunTask(String runId, String task, String families, int iterations, int warmupIterations,
                      long measuredMillis, String stopReason, Double halfWidthPct, String widestSeries, Double targetPct) {
}
