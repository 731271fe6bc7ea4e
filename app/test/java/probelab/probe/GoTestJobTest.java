package probelab.probe;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.catalog.Metric;
import probelab.runtime.Runtime;
import probelab.storage.samples.SampleStore;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.ENGINES)
class GoTestJobTest {
    @TempDir
    Path dir;

    @Test
    void go_test_runs_cold_and_warm_in_docker_and_race_is_marked_not_applicable_once_in_an_image_without_a_c_compiler()
            throws Exception {
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            Runtime docker = app.runtimes().get("docker");
            TestEnv.require(docker.availability().available(), "docker (" + docker.availability().reason() + ")");
            // natively a -race run compiles the standard library with the race detector first (~45 s here): the suite
            // checks that it is planned where gcc is (below) and leaves running it to jobs
            var plan = app.runner().plan(new JobRequest(Selection.of(List.of("docker"),
                    List.of(app.toolchains().newest().minor()), List.of("tiny"), List.of("go_test"), null),
                    Sampling.of(1, 0, null, null, null, null), Conditions.of(null, List.of("host", "volume"))));
            app.runner().queue(plan);
            assertEquals(SampleStore.JOB_COMPLETED, app.runner().run(plan, ProgressListener.NONE, new JobRunner.Control()));
            List<String> rows = new ArrayList<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT runtime, metric, variant, status, value, coalesce(detail, error) FROM v_samples "
                         + "WHERE job_id = '" + plan.jobId() + "' ORDER BY runtime, metric, variant")) {
                while (rs.next()) {
                    String row = rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4);
                    rows.add(row);
                    if (rs.getString(4).equals("ok")) {
                        // a go test of tiny takes from a few hundred ms (warm) to tens of seconds (cold); 0 is a broken clock
                        assertTrue(rs.getDouble(5) > 50 && rs.getDouble(5) < 600_000, row + ": " + rs.getDouble(5));
                        assertTrue(rs.getString(6).startsWith("go test -count=1"), rs.getString(6));
                    }
                    if (rs.getString(4).equals("not_applicable")) {
                        assertTrue(rs.getString(6).contains("C compiler"), rs.getString(6));
                    }
                }
            }
            String testMs = Metric.GO_TEST_MS.id(), race = Metric.GO_TEST_RACE_MS.id();
            assertEquals(List.of("docker " + testMs + " cold ok", "docker " + testMs + " warm ok", "docker " + race + "  not_applicable"), rows);
        }
    }

    @Test
    void natively_race_is_planned_where_a_c_compiler_is_installed() {
        TestEnv.require(java.nio.file.Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc (./probelab setup installs it for go test -race)");
        var nativeRt = new probelab.runtime.NativeRuntime(dir, probelab.runtime.GoTime.NONE);
        assertEquals(null, nativeRt.raceNotApplicable(TestEnv.toolchains(1).get(0)));
    }
}
