package probelab;

import probelab.probe.Catalogs;
import probelab.probe.JobRunner;
import probelab.probe.ServerBinaries;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeRegistry;
import probelab.storage.bundles.Bundles;
import probelab.storage.samples.SampleStore;
import probelab.storage.snapshot.Snapshot;
import probelab.storage.sandbox.SqlSandbox;
import probelab.storage.sandbox.WorkerPool;
import probelab.toolchain.Toolchains;
import probelab.web.WebOptions;
import probelab.web.WebServer;
import probelab.jobs.JobService;
import probelab.workload.ModuleProxy;
import probelab.workload.WorkloadGenerator;

import java.nio.file.Files;
import java.util.List;

/** The composition root: builds every part once, with constructors, from a {@link Config}. */
public final class Probelab implements AutoCloseable {
    private final Config config;
    private final OpenDatabase data;
    private final Catalogs catalogs;
    private final JobRunner runner;
    private final SqlSandbox sql;
    private JobService jobs;
    private WebServer web;

    /** A writing instance on what this machine offers ({@link #discover}). */
    public Probelab(Config config) {
        this(config, discover(config), false);
    }

    /**
     * @param catalogs what this machine offers ({@link #discover}), passed in so that a command which planned a job
     *                 before opening the database does not look for runtimes and toolchains twice
     * @param readOnly open the database read-only and write nothing at all (no schema upgrade, no claims reload, no
     *                 snapshot file): what {@code serve --read-only} runs on
     */
    public Probelab(Config config, Catalogs catalogs, boolean readOnly) {
        this(config, catalogs, readOnly, null);
    }

    /**
     * @param sqlWorkers the worker processes user SQL runs in, made by {@link SqlSandbox#workersFor} with the default
     *                   limits and shared with other instances (closing this one leaves them running), as tests that
     *                   start a server per class do; null to start its own
     */
    public Probelab(Config config, Catalogs catalogs, boolean readOnly, WorkerPool sqlWorkers) {
        this(config, catalogs, readOnly, sqlWorkers, SqlSandbox.Limits.DEFAULT);
    }

    /**
     * @param sqlLimits what user SQL may use (the default in every command; servers under test that ask about pages,
     *                  not about the sandbox's clock, give their queries longer on a busy machine)
     */
    public Probelab(Config config, Catalogs catalogs, boolean readOnly, WorkerPool sqlWorkers, SqlSandbox.Limits sqlLimits) {
        this.config = config;
        this.catalogs = catalogs;
        this.data = new OpenDatabase(config, readOnly ? OpenDatabase.Mode.READ_ONLY : OpenDatabase.Mode.CREATE);
        if (!readOnly) {
            data.registerLocalMachine();
            data.reloadPublishedClaims();
        }
        Snapshot snapshot = data.snapshot();
        this.sql = sqlWorkers == null ? new SqlSandbox(snapshot, sqlLimits) : new SqlSandbox(snapshot, sqlLimits, sqlWorkers);
        this.runner = new JobRunner(catalogs, new WorkloadGenerator(config.workloadsDir(), new ModuleProxy(config.goProxyDir())),
                new ServerBinaries(config.probesDir(), config.binDir()), data.store(), data.fingerprint(), config.scratchDir(),
                (jobId, status) -> snapshot.refresh());
        // a previous process killed mid-job left jobs running: opening for writing marked them aborted
        if (!data.abortedAtOpen().isEmpty()) {
            for (Runtime rt : catalogs.runtimes().all()) rt.removeLeftovers(null);
            // the snapshot still shows those jobs running: readers should see them aborted, as the live file says
            if (Files.exists(snapshot.file())) snapshot.refresh();
        }
    }

    /**
     * What this machine offers jobs: the built-in runtimes with those of {@code var/runtimes*.json}, and the Go
     * toolchains installed. Looked for here only; planning a job needs them before any database is opened.
     */
    public static Catalogs discover(Config config) {
        return new Catalogs(findRuntimes(config), findToolchains());
    }

    /** The runtimes alone (listing them, or a bench), without looking for toolchains. */
    public static RuntimeRegistry findRuntimes(Config config) {
        return RuntimeRegistry.builtIn(config.varDir(), config.scratchDir(), config.probesDir(), config.binDir());
    }

    /** The Go toolchains alone, without reading any runtime configuration. */
    public static Toolchains findToolchains() {
        return Toolchains.discover();
    }

    public Config config() {
        return config;
    }

    public SampleStore store() {
        return data.store();
    }

    public RuntimeRegistry runtimes() {
        return catalogs.runtimes();
    }

    public Toolchains toolchains() {
        return catalogs.toolchains();
    }

    public JobRunner runner() {
        return runner;
    }

    /** The jobs a killed process left running, which this instance's open marked aborted. */
    public List<String> abortedAtStart() {
        return data.abortedAtOpen();
    }

    /** The read-only copy for analysts and user SQL; refreshed after every job and on demand. */
    public Snapshot snapshot() {
        return data.snapshot();
    }

    /** Writes and imports result bundles (zipped Parquet with a manifest). */
    public Bundles bundles() {
        return data.bundles();
    }

    /** The job queue the web server and {@code run} share; created on first use. */
    public synchronized JobService jobs() {
        if (jobs == null) jobs = new JobService(runner, data.store(), probelab.web.common.Paths::reportOfJob);
        return jobs;
    }

    /** What a report server is built from: this instance's files, database readers and writers, catalogs and job queue. */
    public WebServer.Parts webParts() {
        return new WebServer.Parts(new WebServer.Parts.Install(config.root(), Config.VERSION, config.dbFile(), data.snapshot().file()),
                new WebServer.Parts.Data(data.store(), data.queries(), data.reportFileReads(), sql, data.exporter(),
                        data.machines(), data.bundles()), catalogs, jobs());
    }

    /** The report server (not started), wired to this instance's store, runtimes, toolchains and job queue. */
    public synchronized WebServer web(WebOptions options) {
        if (web == null) {
            web = new WebServer(options, webParts());
            // a server runs user SQL (notebooks, the API): start its worker processes now, in the background, so
            // the first query does not wait for a JVM; other commands never start them
            sql.warmUp();
        }
        return web;
    }

    @Override
    public void close() {
        // stop taking requests, then stop jobs (they write to the database), then close the database
        if (web != null) web.close();
        if (jobs != null) jobs.close();
        sql.close();
        data.close();
    }
}
