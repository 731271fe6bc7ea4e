package probelab.probe;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.catalog.Metric;
import probelab.catalog.Scenario;
import probelab.runtime.Runtime;
import probelab.storage.samples.SampleStore;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job over scenarios on real engines: each (runtime, scenario) run ends with ok samples, or with reasons (failed
 * samples, or not applicable once) where the runtime cannot run the scenario. Tiny and one iteration, for time.
 */
@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.ENGINES)
class ScenarioJobTest {
    @TempDir
    Path dir;

    private static final List<String> SCENARIOS = List.of(Scenario.CPUS_HALF_QUOTA.id(), Scenario.NET_HOST.id(),
            Scenario.OPEN_16.id(), Scenario.NET_DIRECT.id());

    @Test
    void every_runtime_and_scenario_ends_with_ok_samples_or_a_reason_and_limits_are_read_from_the_server_and_its_cgroup() throws Exception {
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            List<String> runtimes = List.of("native", "docker", "docker-rootless", "podman-rootless");
            for (String id : runtimes) {
                Runtime rt = app.runtimes().resolve(List.of(id)).get(0);
                TestEnv.require(rt.availability().available(), id + " (" + rt.availability().reason() + ")");
            }
            // a 1 s RTT window: ten CFS periods, so that the half-CPU quota is seen throttling even when a busy machine
            // slows the load generator (three periods of 300 ms saw none once, on a loaded 2-core machine)
            var plan = app.runner().plan(new JobRequest(Selection.of(runtimes, List.of(app.toolchains().newest().minor()),
                    List.of("tiny"), List.of("rtt", "limits"), null), Sampling.of(1, 0, 1000L, null, null, null),
                    Conditions.of(SCENARIOS, null)));
            app.runner().queue(plan);
            assertEquals(SampleStore.JOB_COMPLETED, app.runner().run(plan, ProgressListener.NONE, new JobRunner.Control()));

            // per (runtime, scenario): ok RTT medians, or the reason it has none
            Map<String, String> outcome = new HashMap<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT runtime, scenario, count(*) FILTER (WHERE status = 'ok'), "
                         + "any_value(error) FILTER (WHERE status <> 'ok'), any_value(status) FILTER (WHERE status <> 'ok'), "
                         + "any_value(detail) FROM v_samples WHERE job_id = '" + plan.jobId() + "' AND metric = 'rtt_p50_us' GROUP BY ALL")) {
                while (rs.next()) {
                    String key = rs.getString(1) + "@" + rs.getString(2);
                    String why = rs.getString(4);
                    assertTrue(rs.getLong(3) > 0 || (why != null && !why.isBlank()), key + ": ok samples or a reason");
                    outcome.put(key, rs.getLong(3) > 0 ? "ok: " + rs.getString(6) : rs.getString(5) + ": " + why);
                }
            }
            assertEquals(runtimes.size() * SCENARIOS.size(), outcome.size(), "every runtime and scenario is accounted for: " + outcome);

            // never applicable: marked so, with the runtime's reason
            assertTrue(outcome.get("native@" + Scenario.CPUS_HALF_QUOTA.id()).startsWith("not_applicable: a native process runs under no container limit"), outcome.toString());
            assertTrue(outcome.get("docker-rootless@net=host").startsWith("not_applicable: rootless Docker's host network"), outcome.toString());
            assertTrue(outcome.get("podman-rootless@net=bridge-direct").startsWith("not_applicable:"), outcome.toString());
            // where it applies, it is measured, in the design the scenario names
            assertTrue(outcome.get("docker@net=host").startsWith("ok: closed loop, 1 connection"), outcome.toString());
            assertTrue(outcome.get("docker@net=bridge-direct").startsWith("ok: "), outcome.toString());
            assertTrue(outcome.get("native@" + Scenario.OPEN_16.id()).startsWith("ok: open loop, 16 connections, keep-alive, GET /,"), outcome.toString());
            assertTrue(outcome.get("docker@" + Scenario.CPUS_HALF_QUOTA.id()).contains("GET /json"), outcome.toString());

            // under --cpus 0.5 with 16 connections on /json, rootful Docker's CFS quota throttles the server, and the
            // server runs with the GOMAXPROCS the scenario set
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT metric, status, value, detail, error FROM v_samples WHERE job_id = '"
                         + plan.jobId() + "' AND runtime = 'docker' AND scenario = '" + Scenario.CPUS_HALF_QUOTA.id() + "'")) {
                Map<String, String> byMetric = new HashMap<>();
                while (rs.next()) {
                    byMetric.put(rs.getString(1), rs.getString(2) + " " + rs.getDouble(3) + " " + rs.getString(4) + " " + rs.getString(5));
                }
                String throttled = byMetric.get(Metric.CPU_THROTTLED_PCT.id());
                assertNotNull(throttled, byMetric.toString());
                assertTrue(throttled.startsWith("ok "), throttled);
                assertTrue(Double.parseDouble(throttled.split(" ")[1]) > 0, "a half-CPU quota under load is throttled: " + throttled);
                assertTrue(byMetric.get(Metric.GC_CYCLES.id()).contains("GOMAXPROCS 1 of"), byMetric.get(Metric.GC_CYCLES.id()));
                assertTrue(byMetric.get(Metric.OOM_KILLS.id()).startsWith("not_applicable"), "no memory limit in this scenario");
            }
            // the public view answers which scenarios ran where
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(DISTINCT scenario) FROM v_scenarios")) {
                rs.next();
                assertEquals(SCENARIOS.size(), rs.getInt(1));
            }
            assertFalse(outcome.containsKey("native@default"), "only the scenarios asked for ran");
        }
    }
}
