package probelab.probe;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.catalog.HistogramCodec;

import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.runtime.GoTime;
import probelab.runtime.NativeRuntime;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;
import probelab.storage.samples.SampleStore;
import probelab.toolchain.Toolchain;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = TestEnv.BUILD_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.ENGINES)
class JobRunnerTest {
    @TempDir
    Path dir;

    static final Set<String> EVERY_METRIC = Set.of(Metric.RTT_P50_US.id(), Metric.RTT_P90_US.id(), Metric.RTT_P99_US.id(),
            Metric.RTT_P999_US.id(), Metric.THROUGHPUT_RPS.id(), Metric.COLD_START_MS.id(), Metric.COLD_START_SPLIT_MS.id(),
            Metric.SERVER_RSS_BYTES.id(), Metric.RUNTIME_OVERHEAD_BYTES.id(), Metric.BUILD_MS.id(), Metric.BUILD_INNER_MS.id(), Metric.BUILD_PEAK_RSS_BYTES.id(),
            Metric.EDIT_TO_SERVING_MS.id());

    @Test
    void native_job_on_two_go_versions_stores_ok_samples_for_every_metric() throws Exception {
        List<Toolchain> tcs = TestEnv.toolchains(2);
        List<String> go = List.of(tcs.get(0).minor(), tcs.get(tcs.size() - 1).minor());
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            var plan = app.runner().plan(new JobRequest(Selection.of(List.of("native"), go, List.of("tiny"),
                    MetricFamily.defaultIds(), null), Sampling.of(2, 1, 200L, null, null, null), Conditions.DEFAULT));
            app.runner().queue(plan);
            List<String> steps = new ArrayList<>();
            ProgressListener progress = new ProgressListener() {
                @Override
                public void step(long done, long total, String what) {
                    steps.add(done + "/" + total);
                }

                @Override
                public void log(String line) {
                }
            };
            assertEquals(SampleStore.JOB_COMPLETED, app.runner().run(plan, progress, new JobRunner.Control()));
            assertEquals("18/18", steps.get(steps.size() - 1), "per cell: 1 server warmup, 2 server iterations, 2 rebuilds, "
                    + "2 cold build sequences and 2 edits of the dev loop");
            var tasks = app.store().sampling(plan.jobId());
            assertEquals(8, tasks.size(), "a server, a rebuild, a cold build and a dev loop task per cell");
            for (var t : tasks) {
                assertEquals("repeat", t.task().stopReason());
                assertEquals(2, t.task().iterations());
                assertEquals(t.task().task().equals("server") ? 1 : 0, t.task().warmupIterations());
                assertNull(t.task().targetPct(), "no precision was asked for");
            }

            Map<String, Integer> okByMetricAndGo = new HashMap<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT metric, go_version, variant, count(*) FILTER (WHERE status = 'ok'), "
                         + "count(*) FILTER (WHERE status = 'failed'), min(value), max(iteration) FROM v_samples "
                         + "WHERE job_id = '" + plan.jobId() + "' AND status <> 'not_applicable' GROUP BY ALL")) {
                while (rs.next()) {
                    assertEquals(0, rs.getLong(5), "no failed " + rs.getString(1));
                    assertEquals(2, rs.getInt(7), "warmup iterations are not stored");
                    okByMetricAndGo.merge(rs.getString(1) + "@" + rs.getString(2).substring(0, 4), rs.getInt(4), Integer::sum);
                    // a window without GC has 0 GC cycles; a latency or a build time of 0 is a broken probe
                    if (Metric.parse(rs.getString(1)).canBeZero()) {
                        assertTrue(rs.getDouble(6) >= 0, rs.getString(1) + " must not be negative: " + rs.getDouble(6));
                    } else {
                        assertTrue(rs.getDouble(6) > 0, rs.getString(1) + " must be positive: " + rs.getDouble(6));
                    }
                }
            }
            for (String metric : EVERY_METRIC) {
                for (String v : go) {
                    assertTrue(okByMetricAndGo.getOrDefault(metric + "@" + v, 0) >= 2, metric + " for go " + v);
                }
            }
            // what a native process can never have is marked once per run, with the reason, and is no failure
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT metric, count(*), count(DISTINCT run_id), min(iteration), min(error) "
                         + "FROM v_samples WHERE job_id = '" + plan.jobId() + "' AND status = 'not_applicable' GROUP BY ALL ORDER BY 1")) {
                List<String> marked = new ArrayList<>();
                while (rs.next()) {
                    marked.add(rs.getString(1));
                    assertEquals(rs.getLong(3), rs.getLong(2), "once per run: " + rs.getString(1));
                    assertEquals(0, rs.getInt(4));
                    assertFalse(rs.getString(5).isBlank(), "with the reason");
                }
                // the limits the default scenario does not set: no quota to be throttled by, no memory limit to be killed at
                assertEquals(List.of(Metric.COLD_START_PHASE_MS.id(), Metric.CONTAINER_MEMORY_BYTES.id(),
                        Metric.CPU_THROTTLED_PCT.id(), Metric.OOM_KILLS.id()), marked);
            }
            // the server's own clock splits every native start: the spawn is most of it, Go's init and listen are short
            Map<String, Double> split = ColdStartSplits.assertAddUp(app.store().database(), plan.jobId(), "native");
            assertTrue(split.get(Metric.GO_LISTEN) < 5 && split.get(Metric.GO_INIT) < 50, "Go's own start takes milliseconds: " + split);
            // the cold sequence has three variants, each twice, and the two rebuilds are incremental ones (preparing filled
            // the warm cache, which is not stored)
            assertEquals(8, okByMetricAndGo.get(Metric.BUILD_MS.id() + "@" + go.get(0)));

            var runIds = new ArrayList<String>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT run_id, cpu_cores, go_version_string, workload_lines, status FROM runs "
                         + "WHERE job_id = '" + plan.jobId() + "'")) {
                while (rs.next()) {
                    runIds.add(rs.getString(1));
                    assertTrue(rs.getInt(2) > 0);
                    assertTrue(rs.getString(3).startsWith("go version go"));
                    assertTrue(rs.getInt(4) > 100, "the workload's real line count is stored");
                    assertEquals("completed", rs.getString(5));
                }
            }
            List<byte[]> blobs = app.store().histograms(runIds);
            assertEquals(4, blobs.size(), "one histogram per stored RTT iteration");
            Histogram merged = new Histogram(3);
            for (byte[] b : blobs) merged.add(HistogramCodec.decode(b));
            assertTrue(merged.getTotalCount() > 100);
        }
    }

    @Test
    void unknown_names_are_refused_with_the_valid_ones_before_anything_is_written() {
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            var e = assertThrows(IllegalArgumentException.class, () -> app.runner().plan(new JobRequest(
                    Selection.of(List.of("native", "dokker"), List.of("1.23"), List.of("tiny"), List.of("rtt"), null),
                    Sampling.of(1, 0, 100L, null, null, null), Conditions.DEFAULT)));
            assertTrue(e.getMessage().contains("dokker") && e.getMessage().contains("native"), e.getMessage());
            var size = assertThrows(IllegalArgumentException.class, () -> app.runner().plan(new JobRequest(
                    Selection.of(List.of("native"), List.of(app.toolchains().newest().minor()), List.of("huge"), List.of("rtt"), null),
                    Sampling.of(1, 0, 100L, null, null, null), Conditions.DEFAULT)));
            assertTrue(size.getMessage().contains("tiny, small, medium, large, monorepo"), size.getMessage());
            var metric = assertThrows(IllegalArgumentException.class, () -> app.runner().plan(new JobRequest(
                    Selection.of(List.of("native"), List.of(app.toolchains().newest().minor()), List.of("tiny"), List.of("latency"), null),
                    Sampling.of(1, 0, 100L, null, null, null), Conditions.DEFAULT)));
            assertTrue(metric.getMessage().contains("rtt, cold_start, memory, limits, build, image_build"), metric.getMessage());
            assertTrue(app.store().recentJobs(10).isEmpty(), "nothing written");
        }
    }

    @Test
    void an_adaptive_native_job_stops_each_series_between_min_and_max_runs_and_records_why() throws Exception {
        TestEnv.toolchains(1);
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            JobRequest spec = new JobRequest(Selection.of(List.of("native"), null, List.of("tiny"),
                    List.of("rtt", "cold_start", "memory"), app.toolchains().newest().minor()),
                    Sampling.of(null, 1, 100L, null, Sampling.RunBounds.of(6, 8), null), Conditions.DEFAULT);
            var plan = app.runner().plan(spec);
            app.runner().queue(plan);
            assertEquals(7, plan.estimatedSteps(), "a warmup and min runs, before any sample says more");
            List<Long> millisLeft = new ArrayList<>();
            List<Long> totals = new ArrayList<>();
            ProgressListener progress = new ProgressListener() {
                @Override
                public void step(long done, long total, String what) {
                    totals.add(total);
                }

                @Override
                public void step(long done, long total, String what, long estimatedMillisLeft) {
                    step(done, total, what);
                    millisLeft.add(estimatedMillisLeft);
                }

                @Override
                public void log(String line) {
                }
            };
            long began = System.nanoTime();
            assertEquals(SampleStore.JOB_COMPLETED, app.runner().run(plan, progress, new JobRunner.Control()));
            long tookMillis = (System.nanoTime() - began) / 1_000_000;

            Map<String, Integer> okBySeries = new HashMap<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT metric, variant, count(*) FILTER (WHERE status = 'ok') FROM v_samples "
                         + "WHERE job_id = '" + plan.jobId() + "' GROUP BY ALL")) {
                while (rs.next()) okBySeries.put(rs.getString(1) + rs.getString(2), rs.getInt(3));
            }
            for (Metric m : List.of(Metric.RTT_P50_US, Metric.RTT_P99_US, Metric.COLD_START_MS, Metric.SERVER_RSS_BYTES,
                    Metric.RUNTIME_OVERHEAD_BYTES)) {
                int n = okBySeries.getOrDefault(m.id(), 0);
                assertTrue(n >= 6 && n <= 8, m.id() + " has " + n + " samples: " + okBySeries);
            }

            var tasks = app.store().sampling(plan.jobId());
            assertEquals(1, tasks.size(), "one server task: no build was asked for");
            var t = tasks.get(0).task();
            assertEquals("server", t.task());
            assertEquals("rtt,cold_start,memory", t.families());
            assertEquals(1, t.warmupIterations());
            assertTrue(t.iterations() >= 6 && t.iterations() <= 8, "iterations: " + t.iterations());
            assertEquals(okBySeries.get(Metric.COLD_START_MS.id()), t.iterations());
            assertEquals(5.0, t.targetPct());
            assertTrue(t.measuredMillis() > 0 && t.measuredMillis() <= tookMillis);
            if (t.stopReason().equals("precision")) {
                assertTrue(t.halfWidthPct() <= 5.0, "stopped on precision at +/-" + t.halfWidthPct() + "%");
            } else {
                assertEquals("max_runs", t.stopReason());
                assertEquals(8, t.iterations());
                assertTrue(t.halfWidthPct() > 5.0, t.widestSeries() + " +/-" + t.halfWidthPct() + "%");
            }
            assertTrue(millisLeft.get(0) > 0, "an estimate from the first step on");
            assertEquals(0L, millisLeft.get(millisLeft.size() - 1), "nothing left at the end");
            assertTrue(totals.stream().allMatch(x -> x >= 7 && x <= 9), "totals stay between min and max runs: " + totals);
            System.out.printf("adaptive native job: %d iterations, stopped on %s (widest %s +/-%.1f%%), %d ms in all, %d ms measuring%n",
                    t.iterations(), t.stopReason(), t.widestSeries(), t.halfWidthPct(), tookMillis, t.measuredMillis());
        }
    }

    @Test
    void an_unknown_cache_mode_is_refused_with_the_known_ones_and_a_runtime_without_the_asked_mode_uses_its_first() {
        TestEnv.toolchains(1);
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            String go = app.toolchains().newest().minor();
            JobRequest spec = new JobRequest(Selection.of(List.of("native"), List.of(go), null, List.of("build"), go),
                    Sampling.DEFAULT, Conditions.of(null, List.of("volumee")));
            var e = assertThrows(IllegalArgumentException.class, () -> app.runner().plan(spec));
            assertTrue(e.getMessage().startsWith("unknown cache mode 'volumee'; valid: host"), e.getMessage());
            assertTrue(app.store().recentJobs(10).isEmpty(), "nothing written");
        }
        Runtime withThree = new DelegatingRuntime(new NativeRuntime(dir, GoTime.NONE)) {
            @Override
            public List<String> cacheModes() {
                return List.of("none", "volume", "bind", "fuse");
            }
        };
        assertEquals(List.of("none", "volume", "bind"), BuildProbe.modesFor(withThree, null), "fuse only when asked for");
        assertEquals(List.of("fuse"), BuildProbe.modesFor(withThree, List.of("fuse")));
        assertEquals(List.of("volume"), BuildProbe.modesFor(withThree, List.of("host", "volume")));
        assertEquals(List.of("none"), BuildProbe.modesFor(withThree, List.of("host")));
        assertEquals(List.of("host"), BuildProbe.modesFor(new NativeRuntime(dir, GoTime.NONE), List.of("host", "volume")));
    }

    /** A real process that exits at once instead of serving: the engine must record why, and go on. */
    static final class ServerThatDies extends DelegatingRuntime {
        ServerThatDies(Runtime inner) {
            super(inner);
        }

        @Override
        public String id() {
            return "dies";
        }

        @Override
        public Server startServer(Toolchain toolchain, Path serverBinary, int hostPort, String jobId) throws RuntimeFailure {
            return super.startServer(toolchain, Path.of("/bin/false"), hostPort, jobId);
        }
    }

    @Test
    void a_server_that_never_becomes_ready_gives_failed_samples_with_the_reason_and_the_job_goes_on() throws Exception {
        TestEnv.toolchains(1);
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            var config = app.config();
            var runner = RunnerOver.runtimes(app, List.of(new NativeRuntime(config.scratchDir(), GoTime.NONE),
                    new ServerThatDies(new NativeRuntime(config.scratchDir(), GoTime.NONE))));
            var plan = runner.plan(new JobRequest(Selection.of(List.of("dies", "native"), List.of(app.toolchains().newest().minor()),
                    List.of("tiny"), List.of("cold_start", "rtt"), null), Sampling.of(1, 0, 100L, null, null, null), Conditions.DEFAULT));
            runner.queue(plan);
            assertEquals(SampleStore.JOB_COMPLETED, runner.run(plan, ProgressListener.NONE, new JobRunner.Control()));
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT runtime, status, error FROM v_samples WHERE metric = 'cold_start_ms' "
                         + "AND job_id = '" + plan.jobId() + "' ORDER BY runtime")) {
                assertTrue(rs.next());
                assertEquals("dies", rs.getString(1));
                assertEquals("failed", rs.getString(2));
                assertTrue(rs.getString(3).contains("exited before answering"), rs.getString(3));
                assertTrue(rs.next());
                assertEquals("native", rs.getString(1));
                assertEquals("ok", rs.getString(2));
                assertFalse(rs.next());
            }
        }
    }

    @Test
    void a_cancelled_job_stops_between_measurements_and_says_so() throws Exception {
        TestEnv.toolchains(1);
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            var plan = app.runner().plan(new JobRequest(Selection.of(List.of("native"), List.of(app.toolchains().newest().minor()),
                    List.of("tiny"), List.of("rtt"), null), Sampling.of(50, 0, 100L, null, null, null), Conditions.DEFAULT));
            app.runner().queue(plan);
            var control = new JobRunner.Control();
            ProgressListener cancelAfterTwo = new ProgressListener() {
                @Override
                public void step(long done, long total, String what) {
                    if (done == 2) control.cancel();
                }

                @Override
                public void log(String line) {
                }
            };
            assertEquals(SampleStore.JOB_CANCELLED, app.runner().run(plan, cancelAfterTwo, control));
            var job = app.store().job(plan.jobId()).orElseThrow();
            assertEquals(SampleStore.JOB_CANCELLED, job.status());
            assertEquals(15, job.okSamples(), "3 iterations of 5 RTT metrics were measured before the cancel");
        }
    }
}
