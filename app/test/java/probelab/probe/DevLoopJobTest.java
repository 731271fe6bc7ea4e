package probelab.probe;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.catalog.DevLoopWay;
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
@ResourceLock(value = TestEnv.MACHINE, mode = ResourceAccessMode.READ)
@ResourceLock(TestEnv.ENGINES)
class DevLoopJobTest {
    @TempDir
    Path dir;

    /**
     * One job over native, docker and a runtime whose loops cannot start (one job, so that the native cells share
     * their preparing: each costs a cold compile into a fresh warm cache).
     */
    @Test
    void edits_are_served_in_every_way_natively_and_in_docker_each_way_that_cannot_apply_is_marked_once_a_loop_that_cannot_start_fails_with_its_reason_and_nothing_is_left()
            throws Exception {
        try (Probelab app = new Probelab(TestEnv.config(dir))) {
            Runtime docker = app.runtimes().get("docker");
            TestEnv.require(docker.availability().available(), "docker (" + docker.availability().reason() + ")");
            for (var watcher : probelab.runtime.DevWatcher.values()) {
                TestEnv.require(watcher.unavailable() == null, String.valueOf(watcher.unavailable()));
            }
            Runtime blind = new DelegatingRuntime(new NativeRuntime(app.config().scratchDir(), GoTime.NONE)) {
                @Override
                public String id() {
                    return "blind";
                }

                @Override
                public DevLoop startDevLoop(DevLoopWay way, Toolchain toolchain, DevProject project, BuildCache cache,
                                            int hostPort, String jobId) throws RuntimeFailure {
                    throw new RuntimeFailure("no watcher on this runtime");
                }
            };
            JobRunner runner = RunnerOver.runtimes(app, List.of(app.runtimes().get("native"), docker, blind));
            var plan = runner.plan(new JobRequest(Selection.of(List.of("blind", "native", "docker"),
                    List.of(app.toolchains().newest().minor()), List.of("tiny"), List.of("devloop"), null),
                    Sampling.of(2, 1, null, null, null, null), Conditions.of(null, List.of("host", "volume"), DevLoopWay.ids())));
            runner.queue(plan);
            assertEquals(SampleStore.JOB_COMPLETED, runner.run(plan, ProgressListener.NONE, new JobRunner.Control()));
            List<String> seen = new ArrayList<>(), never = new ArrayList<>(), blindFailures = new ArrayList<>();
            try (var conn = app.store().database().connect(); var st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT runtime, variant, status, value, detail, error FROM v_samples WHERE metric = '"
                         + Metric.EDIT_TO_SERVING_MS.id() + "' AND job_id = '" + plan.jobId() + "' ORDER BY runtime, variant, iteration")) {
                while (rs.next()) {
                    String rt = rs.getString(1), way = rs.getString(2);
                    if (rs.getString(3).equals("not_applicable")) {
                        never.add(rt + " " + way + ": " + rs.getString(6));
                        continue;
                    }
                    if (rt.equals("blind")) {
                        blindFailures.add(way + " " + rs.getString(3) + " " + rs.getString(6));
                        continue;
                    }
                    assertEquals("ok", rs.getString(3), rt + " " + way + ": " + rs.getString(6));
                    // a rebuild and restart of tiny takes a few hundred ms (an image build a few s); 0 or a minute would be a broken clock
                    assertTrue(rs.getDouble(4) > 20 && rs.getDouble(4) < 60_000, rt + " " + way + ": " + rs.getDouble(4));
                    String detail = rs.getString(5);
                    String expected = switch (way) {
                        case "watch" -> "reflex";
                        case "entr" -> "entr -n -r";
                        case "restart" -> rt.equals("native") ? "start-stop-daemon --start" : "restart -t 0";
                        default -> "build -f";
                    };
                    assertTrue(detail.contains(expected), rt + " " + way + ": " + detail);
                    if (rt.equals("docker") && !way.equals("image")) assertTrue(detail.contains(":/src") && detail.contains("run -d"), detail);
                    if (way.equals("image")) assertTrue(detail.contains("rm -f") && detail.contains("run -d"), detail);
                    System.out.printf("%s %s: %.0f ms%n", rt, way, rs.getDouble(4));
                    seen.add(rt + " " + way);
                }
            }
            assertEquals(List.of("docker image", "docker image", "docker restart", "docker restart", "docker watch", "docker watch",
                    "native entr", "native entr", "native restart", "native restart", "native watch", "native watch"), seen);
            assertEquals(3, never.size(), never.toString());
            assertTrue(never.get(0).startsWith("blind image: the image way: a native server has no image"), never.get(0));
            assertTrue(never.get(1).startsWith("docker entr: the entr way: entr reads the files to watch on stdin"), never.get(1));
            assertTrue(never.get(2).startsWith("native image: the image way: a native server has no image"), never.get(2));
            // the job went on past the runtime whose loops cannot start: each of its ways failed each iteration, saying why
            assertEquals(6, blindFailures.size(), blindFailures.toString());
            for (String f : blindFailures) assertTrue(f.matches("(entr|restart|watch) failed cannot start the dev loop: no watcher on this runtime"), f);
            assertEquals(List.of(), ((OciCliRuntime) docker).labelled("ps", plan.jobId()), "the dev containers are removed");
            assertEquals(List.of(), loopProcesses(plan.jobId()), "no watcher, go run or server is left running");
        }
    }

    @Test
    void a_native_loop_serves_each_edit_and_the_sweep_of_its_job_stops_every_process_of_it() throws Exception {
        Toolchain go = TestEnv.toolchains(1).get(0);
        TestEnv.require(Files.isExecutable(probelab.runtime.DevWatcher.REFLEX.hostPath()), "reflex (apt-get install reflex)");
        WorkloadGenerator generator = new WorkloadGenerator(TestEnv.sharedVar().resolve("workloads"));
        Workload w = generator.copyTo(generator.ensure(ProjectSize.TINY), dir.resolve("tiny"));
        NativeRuntime nativeRt = new NativeRuntime(dir.resolve("scratch"), GoTime.NONE);
        int port = LoopbackPorts.free();
        String job = "job-sweep-" + ProcessHandle.current().pid();
        try (Runtime.BuildCache cache = nativeRt.newBuildCache("host", job)) {
            Runtime.DevLoop loop = nativeRt.startDevLoop(DevLoopWay.WATCH, go, new Runtime.DevProject(w.dir(), w.serveTarget(), null),
                    cache, port, job);
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
