package probelab.probe;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.catalog.Metric;
import probelab.process.LoopbackPorts;
import probelab.runtime.GoTime;
import probelab.runtime.NativeRuntime;
import probelab.runtime.OciCliRuntime;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;
import probelab.storage.samples.SampleStore;
import probelab.toolchain.Toolchain;
import probelab.workload.ProjectSize;
import probelab.workload.Workload;
import probelab.workload.WorkloadGenerator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
@ResourceLock(TestEnv.MACHINE)
class DevLoopJobTest {
    @TempDir
    Path dir;

    @Test
    void edits_are_served_natively_and_from_a_docker_dev_container_and_the_job_leaves_nothing_running() throws Exception {
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            Runtime docker = app.runtimes().get("docker");
            TestEnv.require(docker.availability().available(), "docker (" + docker.availability().reason() + ")");
            TestEnv.require(Files.isExecutable(probelab.runtime.DevWatcher.REFLEX), "reflex (apt-get install reflex)");
            var plan = app.runner().plan(new JobRequest(Selection.of(List.of("native", "docker"),
                    List.of(app.toolchains().newest().minor()), List.of("tiny"), List.of("devloop"), null),
                    Sampling.of(3, 1, null, null, null, null), Conditions.of(null, List.of("host", "volume"))));
            app.runner().queue(plan);
            assertEquals(SampleStore.JOB_COMPLETED, app.runner().run(plan, ProgressListener.NONE, new JobRunner.Control()));
            List<String> seen = new ArrayList<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT runtime, variant, status, value, detail, error FROM v_samples WHERE metric = '"
                         + Metric.EDIT_TO_SERVING_MS.id() + "' AND job_id = '" + plan.jobId() + "' ORDER BY runtime, iteration")) {
                while (rs.next()) {
                    String rt = rs.getString(1);
                    assertEquals("ok", rs.getString(3), rt + ": " + rs.getString(6));
                    assertEquals(Metric.WATCH, rs.getString(2));
                    // a rebuild and restart of tiny takes a few hundred ms; 0 or a minute would be a broken clock
                    assertTrue(rs.getDouble(4) > 20 && rs.getDouble(4) < 60_000, rt + ": " + rs.getDouble(4));
                    String detail = rs.getString(5);
                    assertTrue(detail.contains("reflex") && detail.contains("go run . -http"), detail);
                    if (rt.equals("docker")) assertTrue(detail.contains(":/src") && detail.contains("run -d"), detail);
                    seen.add(rt);
                }
            }
            assertEquals(List.of("docker", "docker", "docker", "native", "native", "native"), seen);
            assertEquals(List.of(), ((OciCliRuntime) docker).labelled("ps", plan.jobId()), "the dev container is removed");
            assertEquals(List.of(), loopProcesses(plan.jobId()), "no watcher, go run or server is left running");
        }
    }

    @Test
    void a_dev_loop_that_cannot_start_gives_failed_samples_with_the_reason_and_the_job_goes_on() throws Exception {
        TestEnv.toolchains(1);
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            var config = app.config();
            Runtime blind = new DelegatingRuntime(new NativeRuntime(config.scratchDir(), GoTime.NONE)) {
                @Override
                public String id() {
                    return "blind";
                }

                @Override
                public DevLoop startDevLoop(Toolchain toolchain, Path projectDir, String serveTarget, BuildCache cache,
                                            int hostPort, String jobId) throws RuntimeFailure {
                    throw new RuntimeFailure("no watcher on this runtime");
                }
            };
            var runner = RunnerOver.runtimes(app, List.of(new NativeRuntime(config.scratchDir(), GoTime.NONE), blind));
            var plan = runner.plan(new JobRequest(Selection.of(List.of("blind", "native"), List.of(app.toolchains().newest().minor()),
                    List.of("tiny"), List.of("devloop"), null), Sampling.of(2, 1, null, null, null, null), Conditions.DEFAULT));
            runner.queue(plan);
            assertEquals(SampleStore.JOB_COMPLETED, runner.run(plan, ProgressListener.NONE, new JobRunner.Control()));
            List<String> outcomes = new ArrayList<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT runtime, status, error FROM v_samples WHERE metric = 'edit_to_serving_ms' "
                         + "AND job_id = '" + plan.jobId() + "' ORDER BY runtime, iteration")) {
                while (rs.next()) outcomes.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
            }
            assertEquals(4, outcomes.size(), outcomes.toString());
            for (String o : outcomes.subList(0, 2)) {
                assertTrue(o.startsWith("blind failed cannot start the dev loop: no watcher on this runtime"), o);
            }
            for (String o : outcomes.subList(2, 4)) assertTrue(o.startsWith("native ok"), o);
        }
    }

    @Test
    void a_native_loop_serves_each_edit_and_the_sweep_of_its_job_stops_every_process_of_it() throws Exception {
        Toolchain go = TestEnv.toolchains(1).get(0);
        TestEnv.require(Files.isExecutable(probelab.runtime.DevWatcher.REFLEX), "reflex (apt-get install reflex)");
        WorkloadGenerator generator = new WorkloadGenerator(TestEnv.sharedVar().resolve("workloads"));
        Workload w = generator.copyTo(generator.ensure(ProjectSize.TINY), dir.resolve("tiny"));
        NativeRuntime nativeRt = new NativeRuntime(dir.resolve("scratch"), GoTime.NONE);
        int port = LoopbackPorts.free();
        String job = "job-sweep-" + ProcessHandle.current().pid();
        try (Runtime.BuildCache cache = nativeRt.newBuildCache("host", job)) {
            Runtime.DevLoop loop = nativeRt.startDevLoop(go, w.dir(), w.serveTarget(), cache, port, job);
            String first = awaitAnswer(port, null);
            generator.applyEdit(w, 41);
            String second = awaitAnswer(port, first);
            assertTrue(!second.equals(first) && second.contains("tile"), first + " then " + second);
            assertTrue(loopProcesses(job).size() >= 2, "reflex and what it runs carry the marker: " + loopProcesses(job));
            nativeRt.removeLeftovers(job);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!loopProcesses(job).isEmpty() && System.nanoTime() < deadline) LockSupport.parkNanos(50_000_000);
            assertEquals(List.of(), loopProcesses(job));
            assertThrows(IOException.class, () -> DevLoopClock.body(port), "nothing answers on the loop's port");
            loop.close();
        }
    }

    /** The answer of the server on {@code port} once it differs from {@code before} (null: any answer). */
    private static String awaitAnswer(int port, String before) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                String body = DevLoopClock.body(port);
                if (!body.equals(before)) return body;
            } catch (IOException e) {
                // not answering yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no answer " + (before == null ? "" : "other than " + before) + " on port " + port);
    }

    /** Processes whose environment carries the dev loop's marker of {@code jobId}. */
    static List<Long> loopProcesses(String jobId) throws IOException {
        List<Long> found = new ArrayList<>();
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                    if (env.contains("PROBELAB_DEVLOOP=" + jobId + ":")) found.add(Long.parseLong(p.getFileName().toString()));
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return found;
    }
}
