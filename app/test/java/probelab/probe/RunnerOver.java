package probelab.probe;

import probelab.Config;
import probelab.Probelab;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeRegistry;
import probelab.workload.WorkloadGenerator;

import java.util.List;

/** A job runner of a test's app over runtimes the test makes (faulty ones, renamed ones), wired as the app wires its own. */
final class RunnerOver {
    private RunnerOver() {
    }

    static JobRunner runtimes(Probelab app, List<Runtime> runtimes) {
        return runtimes(app, runtimes, JobFinishedListener.NONE);
    }

    static JobRunner runtimes(Probelab app, List<Runtime> runtimes, JobFinishedListener finished) {
        Config config = app.config();
        return new JobRunner(new Catalogs(new RuntimeRegistry(runtimes), app.toolchains()),
                new WorkloadGenerator(config.workloadsDir()), new ServerBinaries(config.probesDir(), config.binDir()), app.store(),
                new Fingerprint(Config.VERSION, config.root()), config.scratchDir(), finished);
    }
}
