package probelab;

import probelab.probe.Fingerprint;
import probelab.probe.JobRunner;
import probelab.probe.ServerBinaries;
import probelab.runtime.NativeRuntime;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeRegistry;
import probelab.storage.Database;
import probelab.storage.SampleStore;
import probelab.toolchain.Toolchains;
import probelab.web.WebOptions;
import probelab.web.WebServer;
import probelab.web.jobs.JobService;
import probelab.workload.WorkloadGenerator;

import java.util.ArrayList;
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
    private JobService jobs;
    private WebServer web;

    public Probelab(Config config) {
        this.config = config;
        this.db = Database.open(config.dbFile());
        this.store = new SampleStore(db);
        // a previous process killed mid-job left jobs running: say so in the data before anything new starts
        this.abortedAtStart = store.abortUnfinished();
        this.runtimes = new RuntimeRegistry(builtInRuntimes(config));
        this.toolchains = Toolchains.discover();
        this.runner = new JobRunner(runtimes, toolchains, new WorkloadGenerator(config.workloadsDir()),
                new ServerBinaries(config.probesDir(), config.binDir()), store,
                new Fingerprint(Config.VERSION, config.root()), config.scratchDir());
        if (!abortedAtStart.isEmpty()) {
            for (Runtime rt : runtimes.all()) rt.removeLeftovers(null);
        }
    }

    static List<Runtime> builtInRuntimes(Config config) {
        List<Runtime> list = new ArrayList<>();
        list.add(new NativeRuntime(config.scratchDir()));
        return list;
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

    /** The job queue the web server and {@code run} share; created on first use. */
    public synchronized JobService jobs() {
        if (jobs == null) jobs = new JobService(runner, store);
        return jobs;
    }

    /** The report server (not started), wired to this instance's store, runtimes, toolchains and job queue. */
    public synchronized WebServer web(WebOptions options) {
        if (web == null) {
            web = new WebServer(options, new WebServer.Parts(store, runtimes, toolchains, jobs(), config.root(),
                    config.dbFile(), Config.VERSION));
        }
        return web;
    }

    @Override
    public void close() {
        // stop taking requests, then stop jobs (they write to the database), then close the database
        if (web != null) web.close();
        if (jobs != null) jobs.close();
        db.close();
    }
}
