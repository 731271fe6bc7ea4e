package probelab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import probelab.Config;
import probelab.Probelab;
import probelab.probe.JobRunner;
import probelab.probe.JobSpec;
import probelab.storage.SampleStore;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Runs one probe job from the command line and prints its summary. */
@Command(name = "probe", description = "Measure runtimes x Go versions x project sizes and store the samples.")
public final class ProbeCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Option(names = "--runtime", split = ",", description = "runtime ids (default: " + JobSpec.DEFAULT_RUNTIME + ")")
    List<String> runtimes;

    @Option(names = "--go", split = ",", description = "Go versions, e.g. 1.22,1.23 (default: newest installed)")
    List<String> goVersions;

    @Option(names = "--size", split = ",", description = "project sizes: tiny, small, medium, large, monorepo (default: " + JobSpec.DEFAULT_SIZE + ")")
    List<String> sizes;

    @Option(names = "--metric", split = ",", description = "metric families: rtt, cold_start, memory, build (default: all)")
    List<String> metrics;

    @Option(names = "--repeat", description = "stored iterations per cell (default: " + JobSpec.DEFAULT_REPEAT + ")")
    Integer repeat;

    @Option(names = "--warmup", description = "discarded iterations per cell (default: " + JobSpec.DEFAULT_WARMUP + ")")
    Integer warmup;

    @Option(names = "--rtt-duration-ms", description = "length of one RTT iteration (default: " + JobSpec.DEFAULT_RTT_MILLIS + ")")
    Long rttDurationMillis;

    @Option(names = "--target", description = "measure RTT of an already-running HTTP server at this URL instead")
    URI target;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Probelab app = new Probelab(Config.fromEnvironment(db.db));
             ConsoleProgress progress = new ConsoleProgress(json ? System.err : System.out)) {
            String jobId;
            if (target != null) {
                JobSpec counts = JobSpec.withDefaults(null, null, null, null, repeat, warmup, rttDurationMillis, "");
                jobId = app.runner().runAgainstTarget(target, counts.repeat(), counts.warmup(), counts.rttDurationMillis(), progress);
            } else {
                JobSpec spec = JobSpec.withDefaults(runtimes, goVersions, sizes, metrics, repeat, warmup, rttDurationMillis,
                        app.toolchains().newest().minor());
                JobRunner.Plan plan = app.runner().plan(spec);
                progress.log("job " + plan.jobId() + ": " + plan.totalSteps() + " steps, database " + app.config().dbFile());
                app.runner().run(plan, progress, new JobRunner.Control());
                jobId = plan.jobId();
            }
            progress.close();
            List<SampleStore.MetricSummary> summary = app.store().summarize(jobId);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("jobId", jobId);
                doc.put("database", app.config().dbFile().toString());
                doc.put("summary", summary);
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            } else {
                System.out.println();
                System.out.println("job " + jobId + " (query it: SELECT * FROM v_samples WHERE job_id = '" + jobId + "')");
                SummaryTable.print(summary, System.out);
            }
            long ok = summary.stream().mapToLong(SampleStore.MetricSummary::okCount).sum();
            return ok == 0 ? 1 : 0;
        }
    }
}
