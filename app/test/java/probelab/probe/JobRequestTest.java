package probelab.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import probelab.catalog.MetricFamily;
import probelab.catalog.DevLoopWay;
import probelab.catalog.UnknownNameException;
import probelab.runtime.GoTime;
import probelab.runtime.NativeRuntime;
import probelab.runtime.RuntimeRegistry;
import probelab.toolchain.Toolchain;
import probelab.toolchain.Toolchains;
import probelab.workload.ProjectSize;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a job may ask for, what it gets when it leaves things out, the default job of ./probelab run, how a request is
 * planned against this machine's catalogs and how it is stored.
 */
class JobRequestTest {
    @TempDir
    Path dir;

    private static Sampling with(Integer repeat, Double precisionPct, Long budgetMillis, Integer minRuns, Integer maxRuns) {
        return Sampling.of(repeat, null, null, precisionPct, Sampling.RunBounds.of(minRuns, maxRuns), budgetMillis);
    }

    private static String refused(Integer repeat, Double precisionPct, Long budgetMillis, Integer minRuns, Integer maxRuns) {
        return assertThrows(IllegalArgumentException.class, () -> with(repeat, precisionPct, budgetMillis, minRuns, maxRuns))
                .getMessage();
    }

    /** A request that leaves out everything but the sampling. */
    private static JobRequest asked(Sampling how) {
        return new JobRequest(Selection.of(null, null, null, null, "1.23"), how, Conditions.of(null, null));
    }

    @Test
    void leaving_everything_out_gives_an_adaptive_job_to_five_percent_with_6_to_30_runs_and_no_budget() {
        JobRequest s = asked(Sampling.of(null, null, null, null, null, null));
        assertEquals(List.of("native"), s.what().runtimes());
        assertEquals(List.of("1.23"), s.what().goVersions());
        assertEquals(List.of("tiny"), s.what().sizeIds());
        assertEquals(MetricFamily.defaultIds(), s.what().metricIds());
        assertNull(s.how().repeat());
        assertTrue(s.how().adaptive());
        assertEquals(5.0, s.how().precisionPct());
        assertEquals(6, s.how().runs().min());
        assertEquals(30, s.how().runs().max());
        assertNull(s.how().budgetMillis());
        assertNull(s.where().cacheModes(), "every cache mode");
        assertEquals(1, s.how().warmup());
        assertEquals(1000, s.how().rttDurationMillis());
    }

    @Test
    void the_first_look_is_adaptive_with_10_to_30_runs_one_cache_mode_per_runtime_and_measures_for_4_minutes() {
        JobRequest s = JobRequest.firstLook(List.of("native", "docker"), "1.23");
        assertEquals(List.of("native", "docker"), s.what().runtimes());
        assertEquals(List.of("1.23"), s.what().goVersions());
        assertEquals(List.of("tiny"), s.what().sizeIds());
        assertEquals(MetricFamily.defaultIds(), s.what().metricIds());
        assertTrue(s.how().adaptive());
        assertEquals(5.0, s.how().precisionPct());
        assertEquals(10, s.how().runs().min());
        assertEquals(30, s.how().runs().max());
        assertEquals(List.of("host", "volume"), s.where().cacheModes());
        assertEquals(250, s.how().rttDurationMillis(), "a shorter RTT window leaves the builds time");
        assertEquals(1, s.how().warmup());
        assertEquals(4 * 60_000, s.how().budgetMillis(), "4 minutes of measuring; preparing comes before");
        assertTrue(s.what().metricIds().containsAll(List.of("build", "devloop")), "the developer's loop is in the first look");
    }

    @Test
    void repeat_means_exactly_n_and_may_go_below_six() {
        Sampling s = with(2, null, null, 1, null);
        assertEquals(2, s.repeat());
        assertFalse(s.adaptive());
        assertEquals(1, s.runs().min());
        assertEquals(3, Sampling.of(3, 0, 100L, null, null, null).repeat());
    }

    @Test
    void a_precision_outside_its_range_is_refused_with_the_range() {
        assertEquals("precision must be between 0.1 and 50 (% of the median), got 0", refused(null, 0.0, null, null, null));
        assertTrue(refused(null, -5.0, null, null, null).startsWith("precision must be between"));
        assertTrue(refused(null, 80.0, null, null, null).startsWith("precision must be between"));
        assertTrue(refused(null, Double.NaN, null, null, null).startsWith("precision must be between"));
    }

    @Test
    void min_runs_above_max_runs_is_refused_naming_both() {
        assertEquals("min runs (12) must not exceed max runs (8)", refused(null, null, null, 12, 8));
    }

    @Test
    void adaptive_min_runs_below_six_is_refused_because_no_interval_exists_there() {
        String m = refused(null, null, null, 3, null);
        assertTrue(m.startsWith("min runs must be between 6 and 1000, got 3"), m);
        assertTrue(m.contains("--repeat N runs exactly N"), m);
    }

    @Test
    void a_budget_of_zero_or_less_is_refused() {
        assertEquals("budget must be more than 0 s and at most 7 days, got 0 ms", refused(null, null, 0L, null, null));
        assertTrue(refused(null, null, -1000L, null, null).startsWith("budget must be more than 0 s"));
    }

    @Test
    void repeat_and_max_runs_keep_their_bounds() {
        assertEquals("repeat must be between 1 and 1000, got 0", refused(0, null, null, null, null));
        assertEquals("max runs must be between 1 and 1000, got 5000", refused(null, null, null, null, 5000));
    }

    @Test
    void an_empty_list_of_cache_modes_means_every_mode() {
        Conditions s = Conditions.of(null, List.of(" ", ""));
        assertNull(s.cacheModes());
        Conditions some = Conditions.of(null, List.of(" volume", "bind "));
        assertEquals(List.of("volume", "bind"), some.cacheModes());
    }

    @Test
    void dev_loop_ways_default_to_the_watcher_read_back_from_the_stored_spec_and_an_unknown_one_is_refused_with_the_valid_ones() {
        assertEquals(List.of(DevLoopWay.WATCH), Conditions.of(null, null).devLoopWays());
        assertEquals(List.of(DevLoopWay.WATCH), Conditions.of(null, null, List.of(" ")).devLoopWays());
        Conditions ways = Conditions.of(null, null, List.of("restart", " image", "restart"));
        assertEquals(List.of(DevLoopWay.RESTART, DevLoopWay.IMAGE), ways.devLoopWays());
        JobRequest asked = new JobRequest(Selection.of(null, null, null, List.of("devloop"), "1.23"), Sampling.DEFAULT, ways);
        String json = JobRequestJson.write(asked);
        assertTrue(json.endsWith(",\"devLoopWays\":[\"restart\",\"image\"]}"), json);
        assertEquals(asked, JobRequestJson.read(json).orElseThrow());
        // stored before ways existed: the default ways
        assertEquals(DevLoopWay.DEFAULTS, JobRequestJson.read(json.replace(",\"devLoopWays\":[\"restart\",\"image\"]", ""))
                .orElseThrow().where().devLoopWays());
        var unknown = assertThrows(UnknownNameException.class, () -> Conditions.of(null, null, List.of("nodemon")));
        assertEquals("unknown dev loop way 'nodemon'; valid: watch, entr, restart, image", unknown.getMessage());
    }

    /** This machine as far as planning can tell: the native runtime, and one Go 1.23 that is never run. */
    private Catalogs catalogs() {
        return new Catalogs(new RuntimeRegistry(List.of(new NativeRuntime(dir, GoTime.NONE))), new Toolchains(List.of(
                new Toolchain("1.23.4", "go version go1.23.4 linux/amd64", dir.resolve("go/bin/go"), dir.resolve("go")))));
    }

    @Test
    void unknown_names_are_refused_typed_with_the_valid_ones_by_the_part_or_the_plan_that_checks_them() {
        var size = assertThrows(UnknownNameException.class, () -> Selection.of(null, null, List.of("huge"), null, "1.23"));
        assertEquals(List.of("tiny", "small", "medium", "large", "monorepo"), size.valid());
        var metric = assertThrows(UnknownNameException.class, () -> Selection.of(null, null, null, List.of("latency"), "1.23"));
        assertTrue(metric.valid().contains("rtt"), metric.valid().toString());
        var scenario = assertThrows(UnknownNameException.class, () -> Conditions.of(List.of("cpus=9"), null));
        assertTrue(scenario.valid().contains("default"), scenario.valid().toString());

        var runtime = assertThrows(UnknownNameException.class, () -> catalogs().plan(new JobRequest(
                Selection.of(List.of("native", "dokker"), null, null, null, "1.23"), Sampling.DEFAULT, Conditions.DEFAULT)));
        assertEquals("unknown runtime 'dokker'; valid: native", runtime.getMessage());
        assertEquals(List.of("native"), runtime.valid());
        var go = assertThrows(UnknownNameException.class, () -> catalogs().plan(new JobRequest(
                Selection.of(null, List.of("0.9"), null, null, "1.23"), Sampling.DEFAULT, Conditions.DEFAULT)));
        assertEquals(List.of("1.23"), go.valid());
        var mode = assertThrows(UnknownNameException.class, () -> catalogs().plan(new JobRequest(
                Selection.of(null, null, null, null, "1.23"), Sampling.DEFAULT, Conditions.of(null, List.of("volumee")))));
        assertTrue(mode.getMessage().startsWith("unknown cache mode 'volumee'; valid: host"), mode.getMessage());
    }

    @Test
    void a_plan_finds_what_the_request_names_on_this_machine_once_each() {
        Plan plan = catalogs().plan(new JobRequest(Selection.of(List.of("native", "native"), List.of("1.23", "1.23.4"),
                List.of("tiny", "TINY"), List.of("rtt"), "1.23"), Sampling.of(3, 0, 100L, null, null, null), Conditions.DEFAULT));
        assertEquals(List.of("native"), plan.runtimes().stream().map(probelab.runtime.Runtime::id).toList());
        assertEquals(1, plan.toolchains().size());
        assertEquals(List.of(ProjectSize.TINY), plan.sizes());
        assertEquals(3, plan.estimatedSteps(), "one cell, three iterations, no warmup");
        assertNotEquals(plan.jobId(), catalogs().plan(plan.request()).jobId(), "each plan is a job of its own");
    }

    @Test
    void a_target_job_repeats_five_times_unless_told_and_names_nothing_else() {
        URI url = URI.create("http://127.0.0.1:8080/");
        JobRequest target = new JobRequest(Selection.target(url), Sampling.DEFAULT, Conditions.DEFAULT);
        assertEquals(5, target.how().repeat());
        Plan plan = catalogs().plan(target);
        assertTrue(plan.runtimes().isEmpty() && plan.toolchains().isEmpty());
        assertEquals(1 + 5, plan.estimatedSteps());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Selection.target(URI.create("ftp://x/")))
                .getMessage().startsWith("the target must be an http:// URL with a host"));
    }

    @Test
    void a_stored_request_reads_back_as_it_was_asked_and_a_target_or_foreign_spec_does_not() {
        JobRequest asked = new JobRequest(Selection.of(List.of("native", "docker"), List.of("1.22", "1.23"),
                List.of("tiny", "small"), List.of("rtt", "build"), "1.23"),
                Sampling.of(null, 2, 250L, 2.5, Sampling.RunBounds.of(8, 40), 90_000L),
                Conditions.of(List.of("default", "cpus=0.5"), List.of("volume")));
        String json = JobRequestJson.write(asked);
        assertTrue(json.startsWith("{\"runtimes\":[\"native\",\"docker\"],\"goVersions\":[\"1.22\",\"1.23\"],"
                + "\"sizes\":[\"tiny\",\"small\"],\"metrics\":[\"rtt\",\"build\"],\"repeat\":null,\"warmup\":2,"
                + "\"rttDurationMillis\":250,\"precisionPct\":2.5,\"budgetMillis\":90000,\"minRuns\":8,\"maxRuns\":40,"), json);
        assertEquals(asked, JobRequestJson.read(json).orElseThrow());
        // stored before scenarios existed: the default scenario
        assertEquals(Conditions.DEFAULT.scenarios(), JobRequestJson.read(json.replace(",\"scenarios\":[\"default\",\"cpus=0.5\"]", ""))
                .orElseThrow().where().scenarios());
        String target = JobRequestJson.write(new JobRequest(Selection.target(URI.create("http://127.0.0.1:8080/")),
                Sampling.of(2, 1, null, null, null, null), Conditions.DEFAULT));
        assertEquals("{\"target\":\"http://127.0.0.1:8080/\",\"repeat\":2,\"warmup\":1}", target);
        assertTrue(JobRequestJson.read(target).isEmpty(), "a target job is not repeated");
        assertTrue(JobRequestJson.read("{\"handmade\":true}").isEmpty());
        assertTrue(JobRequestJson.read("not json").isEmpty());
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
