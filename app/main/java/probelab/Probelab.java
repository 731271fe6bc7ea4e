package probelab;

import probelab.probe.Fingerprint;
import probelab.probe.JobRunner;
import probelab.probe.ServerBinaries;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeRegistry;
import probelab.storage.Database;
import probelab.storage.Bundles;
import probelab.storage.Exporter;
import probelab.storage.Machines;
import probelab.storage.PublishedClaims;
import probelab.storage.SampleStore;
import probelab.storage.Snapshot;
import probelab.storage.SqlSandbox;
import probelab.storage.sandbox.WorkerPool;
import probelab.toolchain.Toolchains;
import probelab.web.WebOptions;
import probelab.web.WebServer;
import probelab.jobs.JobService;
import probelab.workload.WorkloadGenerator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The composition root: builds every part once, with constructors, from a {@link Config}. */
public final class Probelab implements AutoCloseable {
    private final Config config;
    private final Database db;
    private final SampleStore store;
    private final RuntimeRegistry runtimes;
    private final Toolchains toolchains;
    private final JobRunner runner;
    private final List<String> abortedAtStart;
    private final Snapshot snapshot;
    private final SqlSandbox sql;
    private final Exporter exporter;
    private final Fingerprint fingerprint;
    private final Machines machines;
    private final Bundles bundles;
    private JobService jobs;
    private WebServer web;

    public Probelab(Config config) {
        this(config, false);
    }

    /**
     * @param readOnly open the database read-only and write nothing at all (no schema upgrade, no claims reload, no
     *                 snapshot file): what {@code serve --read-only} runs on
     */
    public Probelab(Config config, boolean readOnly) {
        this(config, readOnly, null);
    }

    /**
     * @param sqlWorkers the worker processes user SQL runs in, made by {@link SqlSandbox#workersFor} with the default
     *                   limits and shared with other instances (closing this one leaves them running), as tests that
     *                   start a server per class do; null to start its own
     */
    public Probelab(Config config, boolean readOnly, WorkerPool sqlWorkers) {
        this.config = config;
        this.db = readOnly ? Database.openReadOnly(config.dbFile()) : Database.open(config.dbFile());
        this.store = new SampleStore(db);
        // a previous process killed mid-job left jobs running: opening for writing marked them aborted
        this.abortedAtStart = db.abortedAtOpen();
        this.fingerprint = new Fingerprint(Config.VERSION, config.root());
        this.machines = new Machines(db);
        // this database's own machine: new runs are stamped with it, and its runs keep plain runtime names in reports
        if (!readOnly) machines.registerLocal(fingerprint.machine(), fingerprint.fingerprintId());
        this.bundles = new Bundles(db, new Bundles.Provenance(Config.VERSION, fingerprint.gitCommit()));
        if (!readOnly) loadPublishedClaims(config, db);
        // analysts and user SQL read a snapshot beside the live file: DuckDB lets no other process read the live one.
        // Read-only, the snapshot the last writing process made is used as it is, never refreshed
        this.snapshot = new Snapshot(db, Snapshot.besideLive(config.dbFile()));
        this.sql = sqlWorkers == null ? new SqlSandbox(snapshot, SqlSandbox.Limits.DEFAULT)
                : new SqlSandbox(snapshot, SqlSandbox.Limits.DEFAULT, sqlWorkers);
        this.exporter = new Exporter(db::connect);
        this.runtimes = RuntimeRegistry.builtIn(config.varDir(), config.scratchDir(), config.probesDir(), config.binDir());
        this.toolchains = Toolchains.discover();
        this.runner = new JobRunner(runtimes, toolchains, new WorkloadGenerator(config.workloadsDir()),
                new ServerBinaries(config.probesDir(), config.binDir()), store,
                fingerprint, config.scratchDir(),
                (jobId, status) -> snapshot.refresh());
        if (!abortedAtStart.isEmpty()) {
            for (Runtime rt : runtimes.all()) rt.removeLeftovers(null);
            // the snapshot still shows those jobs running: readers should see them aborted, as the live file says
            if (Files.exists(snapshot.file())) snapshot.refresh();
        }
    }

    /** The articles' figures, next to the measurements; a broken CSV is reported and leaves the table as it was. */
    private static void loadPublishedClaims(Config config, Database db) {
        Path csv = config.datasetsDir().resolve(PublishedClaims.FILE_NAME);
        if (!Files.isRegularFile(csv)) return;
        try {
            PublishedClaims.replaceAll(db, PublishedClaims.read(csv));
        } catch (IllegalArgumentException e) {
            System.err.println("probelab: published claims not loaded: " + e.getMessage());
        }
    }

    public Config config() {
        return config;
    }

    public SampleStore store() {
        return store;
    }

    public RuntimeRegistry runtimes() {
        return runtimes;
    }

    public Toolchains toolchains() {
        return toolchains;
    }

    public JobRunner runner() {
        return runner;
    }

    public List<String> abortedAtStart() {
        return abortedAtStart;
    }

    /** The read-only copy for analysts and user SQL; refreshed after every job and on demand. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Runs user SQL (notebook cells, the SQL API) on the snapshot's public part, in worker processes. */
    public SqlSandbox sql() {
        return sql;
    }

    /** Writes filtered samples of the live database to Parquet or CSV. */
    public Exporter exporter() {
        return exporter;
    }

    /** The machines runs were measured on, and this one's name. */
    public Machines machines() {
        return machines;
    }

    /** Writes and imports result bundles (zipped Parquet with a manifest). */
    public Bundles bundles() {
        return bundles;
    }

    /** The job queue the web server and {@code run} share; created on first use. */
    public synchronized JobService jobs() {
        if (jobs == null) jobs = new JobService(runner, store, probelab.web.Paths::reportOfJob);
        return jobs;
    }

    /** The report server (not started), wired to this instance's store, runtimes, toolchains and job queue. */
    public synchronized WebServer web(WebOptions options) {
        if (web == null) {
            web = new WebServer(options, new WebServer.Parts(store, runtimes, toolchains, jobs(), config.root(),
                    config.dbFile(), Config.VERSION, sql, exporter, snapshot.file(), machines, bundles));
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
        db.close();
    }
}
