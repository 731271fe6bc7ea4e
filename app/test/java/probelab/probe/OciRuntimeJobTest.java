package probelab.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.catalog.Metric;
import probelab.runtime.Runtime;
import probelab.storage.samples.SampleStore;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OCI runtime as a dimension: the rootful engines with gVisor (runsc) run a server job like any engine. */
@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.ENGINES)
class OciRuntimeJobTest {
    @TempDir
    Path dir;

    @Test
    void a_server_job_on_docker_and_podman_with_gvisor_completes_with_its_oci_runtime_recorded_beside_each_run() throws Exception {
        List<String> gvisor = List.of("docker-runsc", "podman-runsc");
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            for (String id : gvisor) {
                Runtime r = app.runtimes().get(id);
                TestEnv.require(r.availability().available(), id + " (" + r.availability().reason() + ")");
                assertTrue(r.availability().engineVersion().contains("+ runsc"), r.availability().engineVersion());
            }
            var plan = app.runner().plan(new JobRequest(Selection.of(gvisor, List.of(app.toolchains().newest().minor()),
                    List.of("tiny"), List.of("rtt", "cold_start", "memory"), null),
                    Sampling.of(2, 0, 200L, null, null, null), Conditions.DEFAULT));
            app.runner().queue(plan);
            assertEquals(SampleStore.JOB_COMPLETED, app.runner().run(plan, ProgressListener.NONE, new JobRunner.Control()));
            Map<String, Integer> ok = new HashMap<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT s.runtime, s.metric, count(*) FILTER (WHERE s.status = 'ok'), "
                         + "min(s.error) FILTER (WHERE s.status = 'failed'), min(r.oci_runtime) FROM v_samples s JOIN v_runs r USING (run_id) "
                         + "WHERE s.job_id = '" + plan.jobId() + "' GROUP BY ALL")) {
                while (rs.next()) {
                    ok.put(rs.getString(1) + " " + rs.getString(2), rs.getInt(3));
                    assertTrue(rs.getString(5).startsWith("runsc "), "the run records gVisor, not the engine's default: " + rs.getString(5));
                }
            }
            for (String id : gvisor) {
                for (Metric m : List.of(Metric.RTT_P50_US, Metric.COLD_START_MS, Metric.SERVER_RSS_BYTES)) {
                    assertEquals(2, ok.getOrDefault(id + " " + m.id(), 0), id + " " + m.id() + ": " + ok);
                }
                Map<String, Double> split = ColdStartSplits.assertAddUp(app.store().database(), plan.jobId(), id);
                assertTrue(split.get(Metric.UNTIL_GO) > split.get(Metric.GO_INIT), id + ": " + split);
            }
        }
    }
}
