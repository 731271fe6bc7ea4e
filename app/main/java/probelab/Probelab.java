package probelab;

import probelab.probe.Fingerprint;
import probelab.probe.JobRunner;
import probelab.probe.ServerBinaries;
import probelab.runtime.ContainerRuntimes;
import probelab.runtime.NativeRuntime;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeRegistry;
import probelab.storage.Database;
import probelab.storage.SampleStore;
import probelab.toolchain.Toolchains;
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
        list.addAll(ContainerRuntimes.load(config.varDir(), config.scratchDir(), ContainerRuntimes.configFiles(config.varDir())));
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

    @Override
    public void close() {
        db.close();
    }
}
