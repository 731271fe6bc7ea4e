package probelab.probe;

import org.junit.jupiter.api.Test;
import probelab.catalog.Metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduler on generated samples and a simulated clock: no runtime, no database. */
class SamplingPlanTest {
    /** A fake task source: per task, the value its next iteration yields and what it costs. */
    private record Fake(SamplingPlan.Task task, Random random, double spread, long costMillis) {
        double nextValue() {
            return 1000 * (1 + spread * (random.nextDouble() - 0.5));
        }
    }

    /** Far more iterations than any plan here may schedule (two tasks of at most 1000 runs): past it, one never stops. */
    private static final int MAX_STEPS = 100_000;

    /** Runs {@code plan} to the end on a simulated clock; returns the order in which tasks ran (stored iterations). */
    private static List<SamplingPlan.Task> simulate(SamplingPlan plan, List<Fake> fakes, long[] clockMillis) {
        Map<SamplingPlan.Task, Fake> byTask = new HashMap<>();
        for (Fake f : fakes) byTask.put(f.task(), f);
        List<SamplingPlan.Task> order = new ArrayList<>();
        for (int step = 0; ; step++) {
            assertTrue(step < MAX_STEPS, "the plan scheduled " + MAX_STEPS + " iterations and did not stop");
            Optional<SamplingPlan.Next> next = plan.next(clockMillis[0]);
            if (next.isEmpty()) return order;
            Fake f = byTask.get(next.get().task());
            if (!next.get().warmup()) {
                plan.recorded(f.task(), "rtt_p50_us", f.nextValue());
                order.add(f.task());
            }
            clockMillis[0] += f.costMillis();
            plan.finished(next.get(), f.costMillis());
        }
    }

    private static SamplingPlan.Settings adaptive(int minRuns, int maxRuns, double precision, Long budgetMillis) {
        return new SamplingPlan.Settings(null, 0, precision, minRuns, maxRuns, budgetMillis);
    }

    @Test
    void a_low_noise_task_stops_at_min_runs_with_precision_reached() {
        SamplingPlan plan = new SamplingPlan(adaptive(6, 30, 0.05, null));
        var quiet = new Fake(plan.add(SamplingPlan.Kind.SERVER, false), new Random(1), 0.02, 2000);
        simulate(plan, List.of(quiet), new long[1]);
        assertEquals(6, quiet.task().iterations());
        assertEquals(SamplingPlan.StopReason.PRECISION, quiet.task().stopped());
        assertTrue(quiet.task().widest().orElseThrow().getValue() <= 0.05);
    }

    @Test
    void a_noisy_task_runs_to_max_runs() {
        SamplingPlan plan = new SamplingPlan(adaptive(6, 30, 0.05, null));
        var noisy = new Fake(plan.add(SamplingPlan.Kind.SERVER, false), new Random(2), 1.5, 2000);
        simulate(plan, List.of(noisy), new long[1]);
        assertEquals(30, noisy.task().iterations());
        assertEquals(SamplingPlan.StopReason.MAX_RUNS, noisy.task().stopped());
    }

    @Test
    void with_repeat_every_task_gets_exactly_that_many_iterations_however_noisy() {
        SamplingPlan plan = new SamplingPlan(new SamplingPlan.Settings(4, 1, 0.05, 6, 30, null));
        var noisy = new Fake(plan.add(SamplingPlan.Kind.SERVER, false), new Random(3), 1.5, 2000);
        var build = new Fake(plan.add(SamplingPlan.Kind.BUILD, false), new Random(4), 0.01, 9000);
        simulate(plan, List.of(noisy, build), new long[1]);
        assertEquals(4, noisy.task().iterations());
        assertEquals(1, noisy.task().warmups());
        assertEquals(4, build.task().iterations());
        assertEquals(0, build.task().warmups(), "builds never warm up");
        assertEquals(SamplingPlan.StopReason.REPEAT, build.task().stopped());
        assertEquals(9, plan.iterationsRun());
    }

    @Test
    void a_budget_stops_everything_before_the_deadline() {
        long budget = 60_000;
        SamplingPlan plan = new SamplingPlan(adaptive(6, 1000, 0.001, budget));
        var server = new Fake(plan.add(SamplingPlan.Kind.SERVER, false), new Random(5), 1.0, 2500);
        var build = new Fake(plan.add(SamplingPlan.Kind.BUILD, false), new Random(6), 1.0, 12_000);
        long[] clock = new long[1];
        simulate(plan, List.of(server, build), clock);
        assertTrue(clock[0] <= budget, "the last iteration ended at " + clock[0] + " ms");
        assertTrue(clock[0] > budget - 12_000, "the budget was used: " + clock[0]);
        assertEquals(SamplingPlan.StopReason.BUDGET, server.task().stopped());
        assertEquals(SamplingPlan.StopReason.BUDGET, build.task().stopped());
        assertEquals(0, plan.estimate(clock[0]).iterations(), "nothing is left once every task stopped");
    }

    @Test
    void stage_one_runs_every_server_task_round_robin_in_alternating_order_before_any_build() {
        SamplingPlan plan = new SamplingPlan(adaptive(6, 30, 0.05, null));
        var buildA = new Fake(plan.add(SamplingPlan.Kind.BUILD, false), new Random(7), 0.01, 9000);
        var serverA = new Fake(plan.add(SamplingPlan.Kind.SERVER, false), new Random(8), 0.01, 2000);
        var serverB = new Fake(plan.add(SamplingPlan.Kind.SERVER, false), new Random(9), 0.01, 2000);
        List<SamplingPlan.Task> order = simulate(plan, List.of(buildA, serverA, serverB), new long[1]);
        List<SamplingPlan.Task> expected = new ArrayList<>();
        // round by round, in alternating order: A B, B A, A B, ... so that neither always follows the other
        for (int i = 0; i < 6; i++) {
            expected.addAll(i % 2 == 0 ? List.of(serverA.task(), serverB.task()) : List.of(serverB.task(), serverA.task()));
        }
        for (int i = 0; i < 6; i++) expected.add(buildA.task());
        assertEquals(expected, order, "servers alternate (drift touches both alike) in alternating order, then builds");
    }

    @Test
    void warmups_come_first_and_only_for_server_tasks() {
        SamplingPlan plan = new SamplingPlan(new SamplingPlan.Settings(null, 2, 0.05, 6, 30, null));
        SamplingPlan.Task build = plan.add(SamplingPlan.Kind.BUILD, false);
        SamplingPlan.Task server = plan.add(SamplingPlan.Kind.SERVER, false);
        for (int i = 0; i < 2; i++) {
            SamplingPlan.Next n = plan.next(0).orElseThrow();
            assertTrue(n.warmup());
            assertEquals(server, n.task());
            assertEquals(0, n.iteration(), "warmups are iteration 0: not stored");
            plan.finished(n, 1000);
        }
        SamplingPlan.Next first = plan.next(0).orElseThrow();
        assertFalse(first.warmup());
        assertEquals(1, first.iteration());
        assertEquals(server, first.task());
        assertEquals(1000, (long) server.costMillis(), "the warmups tell the cost before any stored iteration");
        assertEquals(15_000, (long) build.costMillis(), "a build with no history costs the prior");
    }

    @Test
    void the_fair_share_stage_gives_a_1_s_task_about_10_times_the_iterations_of_a_10_s_task() {
        SamplingPlan plan = new SamplingPlan(adaptive(6, 1000, 0.001, 1_200_000L));
        var cheap = new Fake(plan.add(SamplingPlan.Kind.SERVER, false), new Random(10), 1.0, 1000);
        var dear = new Fake(plan.add(SamplingPlan.Kind.BUILD, false), new Random(11), 1.0, 10_000);
        simulate(plan, List.of(cheap, dear), new long[1]);
        double ratio = (double) cheap.task().iterations() / dear.task().iterations();
        assertTrue(ratio > 8.5 && ratio < 11.5, cheap.task().iterations() + " vs " + dear.task().iterations());
        long spread = Math.abs(cheap.task().measuredMillis() - dear.task().measuredMillis());
        assertTrue(spread <= 10_000, "each got about the same time: " + spread + " ms apart");
    }

    @Test
    void an_unusable_task_runs_once_to_record_why_and_is_done() {
        SamplingPlan plan = new SamplingPlan(new SamplingPlan.Settings(null, 1, 0.05, 6, 30, null));
        SamplingPlan.Task broken = plan.add(SamplingPlan.Kind.SERVER, true);
        SamplingPlan.Next n = plan.next(0).orElseThrow();
        assertFalse(n.warmup(), "nothing to warm up");
        plan.finished(n, 5);
        assertEquals(SamplingPlan.StopReason.UNUSABLE, broken.stopped());
        assertTrue(plan.next(5).isEmpty());
    }

    @Test
    void an_adaptive_task_that_never_yields_a_value_gives_up_after_three_iterations() {
        SamplingPlan plan = new SamplingPlan(adaptive(6, 30, 0.05, null));
        SamplingPlan.Task failing = plan.add(SamplingPlan.Kind.SERVER, false);
        int runs = 0;
        for (Optional<SamplingPlan.Next> n = plan.next(0); n.isPresent(); n = plan.next(0)) {
            plan.finished(n.get(), 100);
            runs++;
        }
        assertEquals(SamplingPlan.FAILED_ITERATIONS_TO_GIVE_UP, runs);
        assertEquals(SamplingPlan.StopReason.FAILING, failing.stopped());
    }

    @Test
    void a_series_a_runtime_never_yields_does_not_keep_the_task_going() {
        SamplingPlan plan = new SamplingPlan(adaptive(6, 30, 0.05, null));
        SamplingPlan.Task t = plan.add(SamplingPlan.Kind.SERVER, false);
        for (int i = 0; i < 6; i++) {
            SamplingPlan.Next n = plan.next(0).orElseThrow();
            plan.recorded(t, "cold_start_ms", 100 + i % 2); // memory failed every time: no server_rss_bytes
            plan.finished(n, 100);
        }
        assertEquals(SamplingPlan.StopReason.PRECISION, t.stopped());
    }

    @Test
    void the_estimate_counts_what_min_runs_still_need_at_each_tasks_cost_and_the_budget_caps_it() {
        SamplingPlan plan = new SamplingPlan(adaptive(10, 30, 0.05, null));
        plan.add(SamplingPlan.Kind.SERVER, false);
        plan.add(SamplingPlan.Kind.BUILD, false);
        assertEquals(new SamplingPlan.Estimate(20, 10 * 3_000 + 10 * 15_000), plan.estimate(0));

        SamplingPlan capped = new SamplingPlan(adaptive(10, 30, 0.05, 60_000L));
        capped.add(SamplingPlan.Kind.SERVER, false);
        capped.add(SamplingPlan.Kind.BUILD, false);
        SamplingPlan.Estimate e = capped.estimate(30_000);
        assertEquals(30_000, e.millis(), "no more than the budget left");
        assertTrue(e.iterations() < 20 && e.iterations() > 0, "iterations scaled down: " + e.iterations());
    }

    @Test
    void a_noisy_task_past_min_runs_is_estimated_to_need_more_runs() {
        SamplingPlan plan = new SamplingPlan(adaptive(6, 30, 0.05, null));
        var noisy = new Fake(plan.add(SamplingPlan.Kind.SERVER, false), new Random(12), 0.6, 2000);
        for (int i = 0; i < 6; i++) {
            SamplingPlan.Next n = plan.next(0).orElseThrow();
            plan.recorded(noisy.task(), "rtt_p50_us", noisy.nextValue());
            plan.finished(n, 2000);
        }
        assertFalse(noisy.task().done());
        long left = plan.estimate(12_000).iterations();
        assertTrue(left >= 1 && left <= 24, "between one more and max runs: " + left);
    }

    @Test
    void the_key_series_are_the_tabulated_metrics_every_iteration_yields() {
        List<Metric> keys = Metric.all().stream().filter(SamplingPlan::keySeries).toList();
        assertEquals(List.of(Metric.RTT_P50_US, Metric.COLD_START_MS, Metric.SERVER_RSS_BYTES, Metric.RUNTIME_OVERHEAD_BYTES,
                Metric.BUILD_MS, Metric.IMAGE_BUILD_MS, Metric.IMAGE_SIZE_BYTES, Metric.EDIT_TO_SERVING_MS, Metric.GO_TEST_MS,
                Metric.TREE_WALK_MS, Metric.TREE_WRITE_MS, Metric.TREE_BUILD_MS, Metric.TREE_TEST_MS), keys);
    }
}
