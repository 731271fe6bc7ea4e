package probelab.probe;

import org.junit.jupiter.api.Test;
import probelab.catalog.MetricFamily;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a job may ask for, what it gets when it leaves things out, and the default job of ./probelab run. */
class JobSpecTest {
    private static JobSpec.Requested with(Integer repeat, Double precisionPct, Long budgetMillis, Integer minRuns,
                                          Integer maxRuns) {
        return new JobSpec.Requested(null, null, null, null, repeat, null, null, precisionPct, budgetMillis, minRuns,
                maxRuns, null);
    }

    private static String refused(JobSpec.Requested r) {
        return assertThrows(IllegalArgumentException.class, () -> JobSpec.withDefaults(r, "1.23")).getMessage();
    }

    @Test
    void leaving_everything_out_gives_an_adaptive_job_to_five_percent_with_6_to_30_runs_and_no_budget() {
        JobSpec s = JobSpec.withDefaults(JobSpec.Requested.nothing(), "1.23");
        assertEquals(List.of("native"), s.runtimes());
        assertEquals(List.of("1.23"), s.goVersions());
        assertEquals(List.of("tiny"), s.sizes());
        assertEquals(MetricFamily.defaultIds(), s.metrics());
        assertNull(s.repeat());
        assertTrue(s.adaptive());
        assertEquals(5.0, s.precisionPct());
        assertEquals(6, s.minRuns());
        assertEquals(30, s.maxRuns());
        assertNull(s.budgetMillis());
        assertNull(s.cacheModes(), "every cache mode");
        assertEquals(1, s.warmup());
        assertEquals(1000, s.rttDurationMillis());
    }

    @Test
    void the_first_look_is_adaptive_with_10_to_30_runs_one_cache_mode_per_runtime_and_ends_within_4_minutes() {
        JobSpec s = JobSpec.firstLook(List.of("native", "docker"), "1.23");
        assertEquals(List.of("native", "docker"), s.runtimes());
        assertEquals(List.of("1.23"), s.goVersions());
        assertEquals(List.of("tiny"), s.sizes());
        assertEquals(MetricFamily.defaultIds(), s.metrics());
        assertTrue(s.adaptive());
        assertEquals(5.0, s.precisionPct());
        assertEquals(10, s.minRuns());
        assertEquals(30, s.maxRuns());
        assertEquals(List.of("host", "volume"), s.cacheModes());
        assertEquals(250, s.rttDurationMillis(), "a shorter RTT window leaves the builds time");
        assertEquals(1, s.warmup());
        assertTrue(s.budgetMillis() <= 4 * 60_000 - 20_000, "room to prepare: " + s.budgetMillis());
        assertTrue(s.budgetMillis() >= 3 * 60_000, "most of the 4 minutes measures: " + s.budgetMillis());
    }

    @Test
    void repeat_means_exactly_n_and_may_go_below_six() {
        JobSpec s = JobSpec.withDefaults(with(2, null, null, 1, null), "1.23");
        assertEquals(2, s.repeat());
        assertFalse(s.adaptive());
        assertEquals(1, s.minRuns());
        assertEquals(3, new JobSpec(List.of("native"), List.of("1.23"), List.of("tiny"), List.of("rtt"), 3, 0, 100).repeat());
    }

    @Test
    void a_precision_outside_its_range_is_refused_with_the_range() {
        assertEquals("precision must be between 0.1 and 50 (% of the median), got 0", refused(with(null, 0.0, null, null, null)));
        assertTrue(refused(with(null, -5.0, null, null, null)).startsWith("precision must be between"));
        assertTrue(refused(with(null, 80.0, null, null, null)).startsWith("precision must be between"));
        assertTrue(refused(with(null, Double.NaN, null, null, null)).startsWith("precision must be between"));
    }

    @Test
    void min_runs_above_max_runs_is_refused_naming_both() {
        assertEquals("min runs (12) must not exceed max runs (8)", refused(with(null, null, null, 12, 8)));
    }

    @Test
    void adaptive_min_runs_below_six_is_refused_because_no_interval_exists_there() {
        String m = refused(with(null, null, null, 3, null));
        assertTrue(m.startsWith("min runs must be between 6 and 1000, got 3"), m);
        assertTrue(m.contains("--repeat N runs exactly N"), m);
    }

    @Test
    void a_budget_of_zero_or_less_is_refused() {
        assertEquals("budget must be more than 0 s and at most 7 days, got 0 ms", refused(with(null, null, 0L, null, null)));
        assertTrue(refused(with(null, null, -1000L, null, null)).startsWith("budget must be more than 0 s"));
    }

    @Test
    void repeat_and_max_runs_keep_their_bounds() {
        assertEquals("repeat must be between 1 and 1000, got 0", refused(with(0, null, null, null, null)));
        assertEquals("max runs must be between 1 and 1000, got 5000", refused(with(null, null, null, null, 5000)));
    }

    @Test
    void an_empty_list_of_cache_modes_means_every_mode() {
        JobSpec s = JobSpec.withDefaults(new JobSpec.Requested(null, null, null, null, null, null, null, null, null,
                null, null, List.of(" ", "")), "1.23");
        assertNull(s.cacheModes());
        JobSpec some = JobSpec.withDefaults(new JobSpec.Requested(null, null, null, null, null, null, null, null, null,
                null, null, List.of(" volume", "bind ")), "1.23");
        assertEquals(List.of("volume", "bind"), some.cacheModes());
    }

    @Test
    void budgets_read_as_people_write_them() {
        assertEquals(90_000, Budgets.parseMillis("90s"));
        assertEquals(90_000, Budgets.parseMillis("90"));
        assertEquals(240_000, Budgets.parseMillis("4m"));
        assertEquals(90_000, Budgets.parseMillis("1m30s"));
        assertEquals(240_000, Budgets.parseMillis("PT4M"));
        assertEquals(240_000, Budgets.parseMillis("pt4m"));
        assertEquals(3_900_000, Budgets.parseMillis("1h5m"));
        assertEquals(1_500, Budgets.parseMillis("1.5s"));
        for (String bad : List.of("", "soon", "4 minutes", "m", "4m30", "-5s", "PT")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Budgets.parseMillis(bad), bad);
            assertTrue(e.getMessage().startsWith("budget must be a duration such as 90s, 4m, 1m30s or PT4M"), e.getMessage());
        }
    }
}
