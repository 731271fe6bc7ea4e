package probelab.web;

import probelab.process.FileTrees;

import probelab.catalog.HistogramCodec;

import probelab.catalog.EngineConfig;
import probelab.catalog.Metric;
import probelab.catalog.Unit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import probelab.Config;
import probelab.Probelab;
import probelab.TestEnv;
import probelab.seed.SyntheticJobs;
import probelab.storage.samples.Environment;
import probelab.storage.samples.RunRow;
import probelab.storage.samples.SampleRow;
import probelab.storage.samples.SampleStore;
import probelab.storage.sandbox.SqlSandbox;
import probelab.storage.sandbox.WorkerPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A real probelab (real DuckDB file in a temp dir, real runtimes and toolchains of this machine) with its web server,
 * seeded through the real SampleStore: one hand-made job whose figures tests can predict, and one synthetic job
 * shaped like what the runner stores. A test class holds one as {@code @RegisterExtension static final TestApp app}:
 * it starts before the class's {@code @BeforeAll} methods and is closed, temp dir and all, after the class.
 */
final class TestApp implements BeforeAllCallback, AfterAllCallback {
    static final String HANDMADE_JOB = "20250101-handmade";
    /** The hand-made docker run's engine configuration (the native run records none). */
    static final EngineConfig HANDMADE_ENGINE = new EngineConfig("overlay2", "2", "systemd", "runc 1.1.5+ds1", "bridge",
            false, "seccomp,cgroupns", "docker 20.10.24+dfsg1");
    static final Instant HANDMADE_AT = Instant.parse("2025-01-01T10:00:00Z");

    private final boolean seed;
    private Path dir;
    private Probelab probelab;
    private WebServer web;
    private String syntheticJob;

    private TestApp(boolean seed) {
        this.seed = seed;
    }

    /** Seeded with the hand-made and the synthetic job. */
    static TestApp seeded() {
        return new TestApp(true);
    }

    /** An empty database. */
    static TestApp empty() {
        return new TestApp(false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("probelab-web-test-");
        Path root = Path.of(System.getProperty("probelab.root", ".")).toAbsolutePath();
        // one set of SQL worker processes for every class's server (web() starts them: a JVM and DuckDB's native
        // library each, seconds on a busy machine); JUnit closes it, an AutoCloseable in the root store, when the run ends
        WorkerPool sqlWorkers = context.getRoot().getStore(ExtensionContext.Namespace.create(TestApp.class))
                .getOrComputeIfAbsent(WorkerPool.class, k -> SqlSandbox.workersFor(SqlSandbox.Limits.DEFAULT), WorkerPool.class);
        // jobs that tests start build and import what the other test classes have built already (TestEnv.sharedVar)
        Config config = new Config(root, TestEnv.sharedVar(), dir.resolve("probelab.duckdb"));
        // pages are under test here, not the sandbox's clock (SqlSandboxTest's): a query that takes a second on an idle
        // machine may take several beside the engine tests, and must still answer
        probelab = new Probelab(config, Probelab.discover(config), false, sqlWorkers,
                SqlSandbox.Limits.DEFAULT.withTimeout(Duration.ofSeconds(60)));
        if (seed) {
            handmade(probelab.store());
            var jobs = new SyntheticJobs(probelab.store(), 7);
            var shape = new SyntheticJobs.Shape(List.of("native", "docker", "podman"), List.of("1.22.12", "1.23.5"),
                    List.of("tiny", "small"), 8);
            syntheticJob = jobs.writeJob(shape, Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.DAYS)).jobIds().get(0);
        }
        web = probelab.web(new WebOptions("127.0.0.1", 0, false, false, List.of()));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (probelab != null) probelab.close();
        } finally {
            // deleted like a @TempDir: a file that cannot be deleted fails the class
            FileTrees.delete(dir);
        }
    }


    /** The temp dir the database lives in. */
    Path dir() {
        return dir;
    }

    Probelab probelab() {
        return probelab;
    }

    /** The server built when the class started; its {@link WebServer#routes()} are the full table. */
    WebServer web() {
        return web;
    }

    /** The synthetic job's id, or null in an {@link #empty()} app. */
    String syntheticJob() {
        return syntheticJob;
    }

    /**
     * Job {@link #HANDMADE_JOB}, Go 1.21.13, size tiny: native RTT p50 medians 100..107 us and docker 200..207 us
     * (8 iterations each, one histogram each), cold starts, and one failed docker cold start with a reason.
     */
    static void handmade(SampleStore store) {
        store.createJob(HANDMADE_JOB, "{\"handmade\":true}", HANDMADE_AT);
        store.markJobStarted(HANDMADE_JOB);
        Environment env = new Environment("Test OS", "6.1", "Test CPU", 2, 1L << 34, "go version go1.21.13", "1.0", "test", "0.1.0", "test");
        int run = 0;
        for (String runtime : List.of("native", "docker")) {
            String runId = HANDMADE_JOB + "-" + run++;
            store.createRun(new RunRow(runId, HANDMADE_JOB, runtime, "1.21.13", "tiny", HANDMADE_AT, env, RunRow.WorkloadCounts.NONE));
            double base = runtime.equals("native") ? 100 : 200;
            List<SampleRow> rows = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                Instant t = HANDMADE_AT.plusSeconds(i);
                rows.add(new SampleRow(runId, Metric.RTT_P50_US.id(), "", i, base + i - 1, Unit.US.symbol(), SampleRow.OK, null, "test", t));
                rows.add(new SampleRow(runId, Metric.COLD_START_MS.id(), "", i, base * 2 + i, Unit.MS.symbol(), SampleRow.OK, null, "test", t));
                Histogram h = new Histogram(3);
                h.recordValueWithCount((long) ((base + i - 1) * 1000), 990);
                h.recordValueWithCount((long) (base * 10_000), 10);
                store.addHistogram(runId, i, compress(h), 1000, 1_000_000);
            }
            if (runtime.equals("docker")) {
                rows.add(new SampleRow(runId, Metric.COLD_START_MS.id(), "", 9, null, Unit.MS.symbol(), SampleRow.FAILED,
                        "server not ready after 30000 ms <b>twice</b>", null, HANDMADE_AT.plusSeconds(9)));
            }
            if (runtime.equals("docker")) store.setEngineConfig(runId, HANDMADE_ENGINE);
            // how far each run's sampling got: native ran out of budget, docker reached its precision
            store.recordTask(new probelab.storage.samples.RunTask(runId, "server", "rtt,cold_start,memory", 8, 1, 9_000,
                    runtime.equals("native") ? "budget" : "precision", runtime.equals("native") ? 7.5 : 2.0,
                    Metric.RTT_P50_US.id(), 5.0));
            store.addSamples(rows);
            store.finishRun(runId, "completed");
        }
        store.markJobFinished(HANDMADE_JOB, SampleStore.JOB_COMPLETED, null);
    }

    static byte[] compress(Histogram h) {
        return HistogramCodec.encode(h);
    }

    /** Notebooks of this probelab, with a fresh snapshot: notebook SQL runs on the snapshot, not the live database. */
    probelab.storage.notebooks.Notebooks notebooksOnSnapshot() {
        probelab.snapshot().refresh();
        return new probelab.storage.notebooks.Notebooks(probelab.store().database());
    }

    /** The shared server's app, for one JavalinTest (an app cannot start again once stopped). */
    io.javalin.Javalin app() {
        return web.app();
    }

    /** A new server over the same probelab, for classes that run several JavalinTests. */
    io.javalin.Javalin freshApp() {
        return fresh(new WebOptions("127.0.0.1", 0, false, false, List.of())).app();
    }

    /** A new server over the same probelab with these options (e.g. read-only). */
    WebServer fresh(WebOptions options) {
        return new WebServer(options, probelab.webParts());
    }
}
