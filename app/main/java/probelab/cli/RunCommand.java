package probelab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import probelab.Config;
import probelab.Probelab;
import probelab.probe.JobRunner;
import probelab.probe.JobSpec;
import probelab.runtime.Runtime;

import java.util.List;
import java.util.concurrent.Callable;

/** The default job: newest Go, tiny project, every available runtime, every metric family, a few repetitions. */
@Command(name = "run", description = "Run the default probe job on every available runtime.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Override
    public Integer call() {
        try (Probelab app = new Probelab(Config.fromEnvironment(db.db));
             ConsoleProgress progress = new ConsoleProgress(System.out)) {
            List<String> available = app.runtimes().available().stream().map(Runtime::id).toList();
            JobSpec spec = defaultSpec(available, app.toolchains().newest().minor());
            JobRunner.Plan plan = app.runner().plan(spec);
            progress.log("default job " + plan.jobId() + " on " + String.join(", ", available));
            String status = app.runner().run(plan, progress, new JobRunner.Control());
            progress.close();
            SummaryTable.print(app.store().summarize(plan.jobId()), System.out);
            return status.equals("completed") ? 0 : 1;
        }
    }

    public static JobSpec defaultSpec(List<String> runtimes, String newestGo) {
        return new JobSpec(runtimes, List.of(newestGo), List.of("tiny"), List.of("rtt", "cold_start", "memory", "build"),
                3, 1, 1000);
    }
}
