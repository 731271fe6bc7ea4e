package probelab.web.overview;

import probelab.report.CellKind;
import probelab.report.CellResult;
import probelab.analysis.AggregateRow;
import probelab.probe.Conditions;
import probelab.probe.JobRequest;
import probelab.probe.Sampling;
import probelab.probe.Selection;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * "Measure more": from a job's report, the comparisons that more iterations would likely decide (the advisor's
 * {@code extraRunsToDecide}) and one follow-up job that measures them: the runtimes involved and the baseline, in
 * their Go versions, sizes and metric families, exactly as many iterations as the most demanding one needs (at most
 * {@link #MAX_EXTRA_RUNS}). A job spans the product of its runtimes, versions and sizes, so when undecided comparisons
 * sit in different groups it also measures a few cells nobody asked about; every one of them still adds samples.
 */
public record FollowUp(List<String> runtimes, List<String> goVersions, List<String> sizes, List<String> families,
                       int extraRuns, int comparisons) {
    public static final int MAX_EXTRA_RUNS = 50;

    /** The follow-up for the undecided comparisons of {@code cells}, or empty when there is none to decide. */
    public static Optional<FollowUp> of(Map<CellKind, CellResult> cells, String baseline) {
        Set<String> runtimes = new LinkedHashSet<>(), gos = new LinkedHashSet<>(), sizes = new LinkedHashSet<>(),
                families = new LinkedHashSet<>();
        int extra = 0, count = 0;
        for (CellResult r : cells.values()) {
            if (r.kind().family() == null) continue;
            for (AggregateRow row : r.rows()) {
                var c = row.comparison();
                if (c == null || c.significant() || c.extraRunsToDecide() == null) continue;
                runtimes.add(row.runtime());
                gos.add(row.go());
                // server metrics pool sizes (empty here): any size measures them, the job's default one will do
                if (!row.size().isEmpty()) sizes.add(row.size());
                families.add(r.kind().family().id());
                extra = Math.max(extra, c.extraRunsToDecide());
                count++;
            }
        }
        if (count == 0) return Optional.empty();
        List<String> rts = new java.util.ArrayList<>(List.of(baseline));
        runtimes.stream().filter(r -> !r.equals(baseline)).forEach(rts::add);
        return Optional.of(new FollowUp(rts, List.copyOf(gos), List.copyOf(sizes), List.copyOf(families),
                Math.min(MAX_EXTRA_RUNS, extra), count));
    }

    /** The follow-up as a job, with the measuring settings of the job it extends (RTT window, warmup, cache modes, dev loop ways). */
    public JobRequest request(JobRequest parent) {
        Sampling how = parent.how();
        return new JobRequest(Selection.of(runtimes, goVersions, sizes.isEmpty() ? parent.what().sizeIds() : sizes, families, null),
                new Sampling(extraRuns, how.warmup(), how.rttDurationMillis(), how.precisionPct(), Sampling.RunBounds.DEFAULT, null),
                new Conditions(List.of(probelab.catalog.Scenario.DEFAULT), parent.where().cacheModes(), parent.where().devLoopWays()));
    }
}
