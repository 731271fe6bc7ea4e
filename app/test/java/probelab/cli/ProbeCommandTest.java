package probelab.cli;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import probelab.Probelab;
import probelab.ProcessLines;
import probelab.TestEnv;
import probelab.storage.samples.SampleStore;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ResourceLock(TestEnv.MACHINE)
@ResourceLock(TestEnv.ENGINES)
class ProbeCommandTest {
    @TempDir
    Path dir;

    /** Runs probelab.cli.Main in a child JVM, as ./probelab does. */
    private ProcessBuilder cli(String... args) {
        return ChildCli.builder(args);
    }

    private ChildCli.Outcome run(String... args) throws Exception {
        return ChildCli.run(Duration.ofSeconds(120), args);
    }

    @Test
    void unknown_runtime_exits_2_with_the_valid_names_and_writes_nothing() throws Exception {
        Path db = dir.resolve("p.duckdb");
        var out = run("probe", "--db", db.toString(), "--runtime", "native,dockerr", "--repeat", "1");
        assertEquals(2, out.exit(), out.output());
        assertTrue(out.output().contains("unknown runtime 'dockerr'; valid: native"), out.output());
        assertFalse(out.output().contains("Exception"), "a message, not a stack trace: " + out.output());
        assertNoJobs(db);
    }

    @Test
    void a_database_a_server_holds_is_one_clear_line_and_names_and_runtimes_still_answer() throws Exception {
        Path db = dir.resolve("held.duckdb");
        Process server = cli("serve", "--db", db.toString(), "--port", "0").start();
        try {
            // the server prints its URL once it holds the database
            ProcessLines.of(server).await(l -> l.startsWith("probelab report: "), Duration.ofSeconds(120),
                    "the server's URL");

            var probe = run("probe", "--db", db.toString(), "--runtime", "native", "--repeat", "1", "--metric", "rtt");
            assertEquals(1, probe.exit(), probe.output());
            assertTrue(probe.output().contains("is in use by process " + server.pid()), probe.output());
            assertTrue(probe.output().contains("use that server's page or API"), probe.output());
            assertFalse(probe.output().contains("Exception") || probe.output().contains("\tat "), "no stack trace: " + probe.output());

            var typo = run("probe", "--db", db.toString(), "--runtime", "dockr");
            assertEquals(2, typo.exit(), typo.output());
            assertTrue(typo.output().contains("unknown runtime 'dockr'; valid: "), "names are checked first: " + typo.output());

            var runtimes = run("runtimes");
            assertEquals(0, runtimes.exit(), runtimes.output());
            assertTrue(runtimes.output().contains("native") && runtimes.output().contains("available"), runtimes.output());
        } finally {
            server.destroy();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void unknown_size_metric_or_go_version_exit_2_listing_the_valid_values() throws Exception {
        Path db = dir.resolve("p.duckdb");
        var size = run("probe", "--db", db.toString(), "--size", "gigantic");
        assertEquals(2, size.exit(), size.output());
        assertTrue(size.output().contains("valid: tiny, small, medium, large, monorepo"), size.output());
        var metric = run("probe", "--db", db.toString(), "--metric", "rtt,latency");
        assertEquals(2, metric.exit(), metric.output());
        assertTrue(metric.output().contains("unknown metric 'latency'; valid: rtt, cold_start, memory, limits, build, image_build"), metric.output());
        var go = run("probe", "--db", db.toString(), "--go", "0.9");
        assertEquals(2, go.exit(), go.output());
        assertTrue(go.output().contains("unknown Go version '0.9'"), go.output());
        var repeat = run("probe", "--db", db.toString(), "--repeat", "0");
        assertEquals(2, repeat.exit(), repeat.output());
        assertTrue(repeat.output().contains("repeat must be between 1"), repeat.output());
        assertNoJobs(db);
    }

    @Test
    void budget_takes_seconds_or_a_duration_and_a_bad_one_exits_2_before_anything_is_written() throws Exception {
        for (String form : List.of("90", "90s", "4m", "1m30s", "PT4M")) {
            ProbeCommand cmd = new ProbeCommand();
            new picocli.CommandLine(cmd).parseArgs("--budget", form);
            assertTrue(probelab.probe.Budgets.parseMillis(cmd.budget) > 0, form);
        }
        Path db = dir.resolve("p.duckdb");
        var bad = run("probe", "--db", db.toString(), "--budget", "soon");
        assertEquals(2, bad.exit(), bad.output());
        assertTrue(bad.output().contains("budget must be a duration such as 90s, 4m, 1m30s or PT4M"), bad.output());
        assertFalse(bad.output().contains("Exception"), "a message, not a stack trace: " + bad.output());
        var zero = run("probe", "--db", db.toString(), "--budget", "0s", "--min-runs", "12", "--max-runs", "8");
        assertEquals(2, zero.exit(), zero.output());
        assertTrue(zero.output().contains("budget must be more than 0 s"), zero.output());
        var minMax = run("probe", "--db", db.toString(), "--min-runs", "12", "--max-runs", "8");
        assertEquals(2, minMax.exit(), minMax.output());
        assertTrue(minMax.output().contains("min runs (12) must not exceed max runs (8)"), minMax.output());
        assertNoJobs(db);
    }

    private static void assertNoJobs(Path db) {
        if (!Files.exists(db)) return;
        try (Probelab app = new Probelab(new probelab.Config(TestEnv.root(), db.getParent(), db))) {
            assertTrue(app.store().recentJobs(5).isEmpty(), "no job was written");
        }
    }

    // builds the echo server on a fresh machine
    @Test
    @Timeout(value = TestEnv.BUILD_TEST_MINUTES, unit = TimeUnit.MINUTES)
    void kill_9_mid_job_keeps_completed_samples_marks_the_job_aborted_and_leaves_no_server_behind() throws Exception {
        TestEnv.toolchains(1);
        Path db = dir.resolve("p.duckdb");
        Process p = cli("probe", "--db", db.toString(), "--runtime", "native", "--size", "tiny", "--metric", "rtt,memory",
                "--repeat", "200", "--warmup", "0", "--rtt-duration-ms", "200").start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            // three iterations stored, the fourth running
            ProcessLines.of(p).await(l -> l.startsWith("[4/"), Duration.ofMinutes(5),
                    "the job's progress at its fourth step");
            // each iteration starts its own server: wait for the one of this iteration to be spawned
            long spawnDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (p.descendants().findAny().isEmpty() && System.nanoTime() < spawnDeadline) Thread.sleep(5);
            p.descendants().forEach(children::add);
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        } finally {
            if (p.isAlive()) { // the test failed before the kill: no probe outlives it
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        assertFalse(children.isEmpty(), "the echo server was running when the probe was killed");
        // the servers notice their parent is gone on their own; a busy machine may take a while to let them run
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (children.stream().anyMatch(ProbeCommandTest::running) && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(children.stream().noneMatch(ProbeCommandTest::running), "no probe process left behind: "
                + children.stream().filter(ProbeCommandTest::running).map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList());

        try (Probelab app = new Probelab(new probelab.Config(TestEnv.root(), dir, db))) {
            assertEquals(1, app.abortedAtStart().size());
            var job = app.store().job(app.abortedAtStart().get(0)).orElseThrow();
            assertEquals(SampleStore.JOB_ABORTED, job.status());
            assertTrue(job.okSamples() >= 3 * 7, "three completed iterations survive: " + job.okSamples());
        }
    }

    /**
     * Alive and not a zombie: a server that exited is adopted by init, which on some machines (this one's pid 1 is not
     * an init system) reaps late, and ProcessHandle.isAlive() is true for a zombie.
     */
    private static boolean running(ProcessHandle h) {
        if (!h.isAlive()) return false;
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false; // gone meanwhile
        }
    }

    // docker imports its echo image on a fresh machine
    @Test
    @Timeout(value = TestEnv.ENGINE_TEST_MINUTES, unit = TimeUnit.MINUTES)
    void the_summary_table_lists_metrics_in_catalog_order_with_units_and_each_runtimes_verdict_against_native() throws Exception {
        var docker = probelab.runtime.RuntimeRegistry.builtIn(TestEnv.sharedVar(),
                dir.resolve("scratch"), TestEnv.root().resolve("probes"), TestEnv.sharedVar().resolve("bin"))
                .get("docker").availability();
        TestEnv.require(docker.available(), "docker (" + docker.reason() + ")");
        Path db = dir.resolve("p.duckdb");
        var out = run("probe", "--db", db.toString(), "--runtime", "native,docker", "--metric", "rtt", "--repeat", "6",
                "--warmup", "0", "--rtt-duration-ms", "100");
        assertEquals(0, out.exit(), out.output());
        String text = out.output();
        assertTrue(text.contains("VS NATIVE"), text);
        assertTrue(text.contains(" µs "), "microseconds read as µs: " + text);
        assertTrue(text.indexOf(" rtt_p99_us ") < text.indexOf(" rtt_p999_us "), "p99 before p99.9, as the catalog has them");
        List<String> dockerP50 = text.lines().filter(l -> l.startsWith("docker ") && l.contains(" rtt_p50_us ")).toList();
        assertEquals(1, dockerP50.size(), text);
        assertTrue(dockerP50.get(0).matches(".*\\d\\.\\d\\dx (slower|faster) \\(p[<=][0-9.]+\\)$|.*~ \\(p=[0-9.]+\\)$"),
                "docker's row ends with its verdict: " + dockerP50.get(0));
        assertTrue(text.lines().anyMatch(l -> l.startsWith("native ") && l.contains(" rtt_p50_us ") && l.endsWith("baseline")), text);
    }

    @Test
    void target_mode_measures_an_already_running_server_without_building_anything() throws Exception {
        try (var server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> serveForever(server));
            t.setDaemon(true);
            t.start();
            Path db = dir.resolve("p.duckdb");
            var out = run("probe", "--db", db.toString(), "--target", "http://127.0.0.1:" + server.getLocalPort() + "/",
                    "--repeat", "2", "--warmup", "1", "--rtt-duration-ms", "100", "--json");
            assertEquals(0, out.exit(), out.output());
            assertTrue(out.output().contains("\"metric\" : \"rtt_p50_us\""), out.output());
            assertTrue(out.output().contains("\"runtime\" : \"external\""), out.output());
        }
    }

    /** A minimal keep-alive HTTP server: enough to be a target that is not ours. */
    private static void serveForever(java.net.ServerSocket server) {
        while (!server.isClosed()) {
            try {
                var s = server.accept();
                s.setSoTimeout(60_000); // a client that neither asks nor goes away does not hold this thread for ever
                Thread t = new Thread(() -> {
                    try (s; var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
                        var out = s.getOutputStream();
                        String line;
                        while ((line = in.readLine()) != null) {
                            if (line.isEmpty()) {
                                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                                out.flush();
                            }
                        }
                    } catch (java.io.IOException ignored) {
                        // client went away
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (java.io.IOException e) {
                return;
            }
        }
    }
}
