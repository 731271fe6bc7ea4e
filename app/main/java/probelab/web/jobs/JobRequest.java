package probelab.web.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import probelab.probe.Budgets;
import probelab.probe.JobSpec;

import java.util.List;

/**
 * A job as the API's JSON body or the jobs page's form asks for it. Absent fields take the CLI's defaults
 * ({@link JobSpec#withDefaults}), and the rest of the validation is the CLI's own: {@link JobSpec}'s constructor and
 * {@code JobRunner.plan}. The budget is {@code budgetSeconds} (a number) or {@code budget} (a duration such as
 * {@code 4m} or {@code PT4M}), not both.
 */
public record JobRequest(List<String> runtimes, List<String> go, List<String> sizes, List<String> metrics,
                         Integer repeat, Integer warmup, @JsonProperty("rttDurationMs") Long rttDurationMs,
                         Double precisionPct, Double budgetSeconds, String budget, Integer minRuns, Integer maxRuns,
                         List<String> cacheModes, List<String> scenarios) {
    /** The JSON fields, for the message that refuses an unknown one. */
    public static final List<String> FIELDS = List.of("runtimes", "go", "sizes", "metrics", "repeat", "warmup",
            "rttDurationMs", "precisionPct", "budgetSeconds", "budget", "minRuns", "maxRuns", "cacheModes", "scenarios");

    public JobSpec toSpec(String newestGo) {
        return JobSpec.withDefaults(new JobSpec.Requested(runtimes, go, sizes, metrics, repeat, warmup, rttDurationMs,
                precisionPct, budgetMillis(), minRuns, maxRuns, cacheModes, scenarios), newestGo);
    }

    private Long budgetMillis() {
        boolean text = budget != null && !budget.isBlank();
        if (text && budgetSeconds != null) {
            throw new IllegalArgumentException("give the budget once: budgetSeconds or budget, not both");
        }
        if (text) return Budgets.parseMillis(budget);
        if (budgetSeconds == null) return null;
        if (budgetSeconds.isNaN() || budgetSeconds.isInfinite()) {
            throw new IllegalArgumentException("budgetSeconds must be a number of seconds, got " + budgetSeconds);
        }
        // a huge number stays out of range (JobSpec refuses it) instead of wrapping around
        return (long) Math.min(Long.MAX_VALUE / 2, Math.round(budgetSeconds * 1000));
    }
}
