package probelab.web.jobs;

import org.junit.jupiter.api.Test;
import probelab.probe.Conditions;
import probelab.probe.JobRequest;
import probelab.probe.Sampling;
import probelab.probe.Selection;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobEstimateTest {
    private static JobRequest spec(Integer repeat, Long budgetMillis, List<String> metrics) {
        return new JobRequest(Selection.of(List.of("native", "docker"), List.of("1.23"), List.of("tiny"), metrics, null),
                new Sampling(repeat, 1, 1000, 5, new Sampling.RunBounds(10, 30), budgetMillis), Conditions.DEFAULT);
    }

    @Test
    void an_exact_job_costs_its_iterations_times_the_earlier_iteration_times_of_each_runtime() {
        var e = JobEstimate.of(spec(5, null, List.of("rtt", "build")),
                Map.of("native/server", 400.0, "native/build", 9_000.0, "docker/server", 2_000.0, "docker/build", 10_000.0,
                        "native/rebuild", 600.0, "docker/rebuild", 1_200.0));
        // server: (5 + 1 warmup) x (400 + 2000) = 14,400; cold builds: 5 x (9,000 + 10,000) = 95,000; rebuilds: 5 x
        // (600 + 1,200) = 9,000
        assertEquals(118_400, e.lowMillis());
        assertEquals(e.lowMillis(), e.highMillis());
        assertTrue(e.fromHistory());
    }

    @Test
    void an_adaptive_job_is_a_range_from_min_to_max_runs_capped_by_its_budget_and_priors_stand_in_for_history() {
        var e = JobEstimate.of(spec(null, 60_000L, List.of("rtt")), Map.of());
        // priors: 3 s per server iteration; min (10 + 1) x 2 runtimes x 3 s = 66 s, already past the 60 s budget
        assertEquals(60_000, e.lowMillis());
        assertEquals(60_000, e.highMillis());
        assertTrue(e.capped());
        assertFalse(e.fromHistory());
        assertTrue(e.words().contains("the budget stops it"), e.words());
    }
}
