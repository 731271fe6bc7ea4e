package probelab.probe;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.Config;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.analysis.AggregateRow;
import probelab.analysis.Aggregates;
import probelab.analysis.Comparison;
import probelab.analysis.ValueSet;
import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.process.Exec;
import probelab.runtime.ContainerRuntimes;
import probelab.runtime.GoTime;
import probelab.runtime.NativeRuntime;
import probelab.runtime.Runtime;
import probelab.storage.samples.SampleStore;
import probelab.toolchain.Toolchains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdicts on real jobs, through the report's own statistics (Aggregates: Mann-Whitney, Holm): a difference known
 * in advance is found, and the same engine reached two ways is not told apart.
 */
@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
class VerdictOfRealJobsTest {
    @TempDir
    Path dir;


    /** The comparison of {@code runtime} against {@code baseline} on {@code metric} in {@code jobId}, as the report makes it. */
    private static Comparison compare(Probelab app, String jobId, Metric metric, String baseline, String runtime) throws Exception {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        try (var conn = app.store().database().connect();
             PreparedStatement st = conn.prepareStatement("SELECT runtime, value FROM v_samples WHERE job_id = ? AND metric = ? "
                     + "AND status = 'ok' ORDER BY value")) {
            st.setString(1, jobId);
            st.setString(2, metric.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) values.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getDouble(2));
            }
        }
        List<ValueSet> sets = new ArrayList<>();
        values.forEach((rt, vs) -> sets.add(new ValueSet(rt, "", "", metric.id(), "", 0,
                vs.stream().mapToDouble(Double::doubleValue).toArray())));
        assertEquals(2, sets.size(), "both runtimes have " + metric.id() + " values: " + values.keySet());
        for (AggregateRow r : Aggregates.summarize(sets, baseline)) {
            if (r.runtime().equals(runtime)) {
                assertNotNull(r.comparison(), "a comparison for " + runtime);
                return r.comparison();
            }
        }
        throw new AssertionError("no row for " + runtime);
    }

    @Test
    void native_against_an_echo_server_that_sleeps_a_millisecond_per_request_is_significantly_slower() throws Exception {
        Config config = TestEnv.config(dir);
        try (Probelab app = new Probelab(config)) {
            var sleepy = new NativeRuntime(config.scratchDir(), GoTime.NONE, "native-sleep-1ms", List.of("-delay", "1ms"));
            JobRunner runner = RunnerOver.runtimes(app, List.of(new NativeRuntime(config.scratchDir(), GoTime.NONE), sleepy));
            var plan = runner.plan(new JobRequest(Selection.of(List.of("native", "native-sleep-1ms"),
                    List.of(Toolchains.discover().newest().minor()), List.of("tiny"), List.of(MetricFamily.RTT.id()), null),
                    new Sampling(null, 1, 200, 5, new Sampling.RunBounds(6, 10), null), Conditions.DEFAULT));
            runner.queue(plan);
            assertEquals(SampleStore.JOB_COMPLETED, runner.run(plan, ProgressListener.NONE, new JobRunner.Control()));
            Comparison c = compare(app, plan.jobId(), Metric.RTT_P50_US, "native", "native-sleep-1ms");
            System.out.println("native-sleep-1ms vs native, rtt_p50_us: " + c.words("slower", "faster") + " " + c);
            assertEquals("more", c.verdict(), "a sure difference is decided: " + c);
            assertTrue(c.pAdjusted() < 0.01, "and not by a hair: " + c);
            assertTrue(c.ratio() > 3, "1 ms of sleep on a ~50-100 µs round trip: " + c);
        }
    }

    /**
     * docker and the same rootful engine through another docker context: the same distribution, so "~". Under no
     * difference any test at 5% says "significant" 5% of the time, so one such result is not a defect; the test
     * runs a second, independent job then and fails only when both decide (0.25% of the time when nothing differs,
     * while a real difference between the two ways in, e.g. an order effect, decides both). Cells alternate their
     * order each round, so neither runtime always starts right after the other's teardown.
     */
    @Test
    void the_same_engine_through_another_docker_context_is_indistinguishable_from_docker() throws Exception {
        Config config = TestEnv.config(dir);
        String context = "probelab-verdict-" + UUID.randomUUID().toString().substring(0, 8);
        Exec.Result created = Exec.run(List.of("docker", "context", "create", context, "--description",
                "probelab test, removed after it", "--docker", "host=unix:///var/run/docker.sock"), 20_000);
        TestEnv.require(created.ok(), "docker (context create: " + created.reason() + ")");
        Path json = Files.writeString(dir.resolve("runtimes.json"), "{\"runtimes\": [{\"id\": \"docker-same-engine\", "
                + "\"base\": \"docker\", \"globalArgs\": [], \"displayName\": \"docker through a second context\", \"context\": \"" + context + "\"}]}");
        try (Probelab app = new Probelab(config)) {
            List<Runtime> all = ContainerRuntimes.load(config.varDir(), config.scratchDir(), List.of(json),
                    new GoTime(config.probesDir(), config.binDir())); // the app's images, shared with the other engine tests
            List<Runtime> pair = all.stream().filter(r -> r.id().equals("docker") || r.id().equals("docker-same-engine")).toList();
            assertEquals(2, pair.size());
            for (Runtime r : pair) TestEnv.require(r.availability().available(), r.id() + " (" + r.availability().reason() + ")");
            JobRunner runner = RunnerOver.runtimes(app, pair);
            List<Comparison> attempts = new ArrayList<>();
            for (int attempt = 0; attempt < 2; attempt++) {
                var plan = runner.plan(new JobRequest(Selection.of(List.of("docker", "docker-same-engine"),
                        List.of(Toolchains.discover().newest().minor()), List.of("tiny"), List.of(MetricFamily.COLD_START.id()), null),
                        new Sampling(null, 1, 100, 5, new Sampling.RunBounds(10, 12), null), Conditions.DEFAULT));
                runner.queue(plan);
                assertEquals(SampleStore.JOB_COMPLETED, runner.run(plan, ProgressListener.NONE, new JobRunner.Control()));
                // the engine's share dwarfs Go's own: a container start is hundreds of ms, Go's init and listen a few
                Map<String, Double> split = ColdStartSplits.assertAddUp(app.store().database(), plan.jobId(), "docker");
                assertTrue(split.get(Metric.UNTIL_GO) > 10 * (split.get(Metric.GO_INIT) + split.get(Metric.GO_LISTEN)),
                        "docker's start is mostly the engine's: " + split);
                Comparison c = compare(app, plan.jobId(), Metric.COLD_START_MS, "docker", "docker-same-engine");
                attempts.add(c);
                System.out.println("docker-same-engine vs docker, cold_start_ms, attempt " + (attempt + 1) + ": "
                        + c.words("slower", "faster") + " " + c);
                if (c.verdict().equals("same")) break;
            }
            Comparison last = attempts.get(attempts.size() - 1);
            assertEquals("same", last.verdict(), "two independent jobs both told the same engine apart: " + attempts);
        } finally {
            Exec.run(List.of("docker", "context", "rm", "-f", context), 20_000);
        }
    }
}
