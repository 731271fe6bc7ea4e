package probelab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import probelab.Config;
import probelab.Probelab;
import probelab.probe.Budgets;
import probelab.probe.Catalogs;
import probelab.probe.Conditions;
import probelab.probe.JobRequest;
import probelab.probe.JobRunner;
import probelab.probe.Plan;
import probelab.probe.Sampling;
import probelab.probe.Selection;
import probelab.storage.export.Exporter;
import probelab.storage.samples.SampleStore;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Runs one probe job from the command line and prints its summary. */
@Command(name = "probe", description = "Measure runtimes x Go versions x project sizes and store the samples.")
public final class ProbeCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Option(names = "--runtime", split = ",", description = "runtime ids (default: " + Selection.DEFAULT_RUNTIME + ")")
    List<String> runtimes;

    @Option(names = "--go", split = ",", description = "Go versions, e.g. 1.22,1.23 (default: newest installed)")
    List<String> goVersions;

    @Option(names = "--size", split = ",", description = "project sizes: tiny, small, medium, large, monorepo (default: " + Selection.DEFAULT_SIZE + ")")
    List<String> sizes;

    @Option(names = "--metric", split = ",", description = "metric families: rtt, cold_start, memory, build, image_build (default: all but image_build)")
    List<String> metrics;

    @Option(names = "--repeat", description = "exactly N stored iterations per cell, no adaptive sampling "
            + "(default: adaptive; with --target: " + JobRequest.DEFAULT_TARGET_REPEAT + ")")
    Integer repeat;

    @Option(names = "--precision", paramLabel = "PCT", description = "adaptive: stop a cell once the 95%% interval of "
            + "each median is within +/- PCT %% (default: " + Sampling.DEFAULT_PRECISION_PCT + ")")
    Double precisionPct;

    @Option(names = "--budget", paramLabel = "DURATION", description = "stop measuring after this long, e.g. 90s, 4m, "
            + "1m30s, PT4M; a bare number is seconds (default: no budget)")
    String budget;

    @Option(names = "--min-runs", paramLabel = "N", description = "adaptive: at least N iterations per cell, 6 or more "
            + "(default: " + Sampling.RunBounds.DEFAULT_MIN + ")")
    Integer minRuns;

    @Option(names = "--max-runs", paramLabel = "N", description = "adaptive: at most N iterations per cell (default: "
            + Sampling.RunBounds.DEFAULT_MAX + ")")
    Integer maxRuns;

    @Option(names = "--cache-mode", split = ",", paramLabel = "MODE", description = "build cache modes to measure, "
            + "e.g. volume,bind; fuse (rootless Podman: the container's layer through fuse-overlayfs) only when named; a "
            + "runtime with none of them uses its first (default: every mode of each runtime but fuse)")
    List<String> cacheModes;

    @Option(names = "--devloop-way", split = ",", paramLabel = "WAY", description = "ways to run the development loop "
            + "(edit_to_serving_ms variants): watch (reflex), entr, restart (rebuild and restart by hand), image (rebuild the "
            + "image, replace the container); default: watch")
    List<String> devLoopWays;

    @Option(names = "--scenario", split = ";", paramLabel = "ID", description = "scenarios to measure each cell in, "
            + "separated by ';' (ids contain commas), e.g. 'default;cpus=0.5;cpus=0.5,gomaxprocs=quota' (default: default); "
            + "see `./probelab scenarios`")
    List<String> scenarios;

    @Option(names = "--warmup", description = "discarded iterations per cell (default: " + Sampling.DEFAULT_WARMUP + ")")
    Integer warmup;

    @Option(names = "--rtt-duration-ms", description = "length of one RTT iteration (default: " + Sampling.DEFAULT_RTT_MILLIS + ")")
    Long rttDurationMillis;

    @Option(names = "--target", description = "measure RTT of an already-running HTTP server at this URL instead")
    URI target;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Option(names = "--bundle", paramLabel = "FILE", description = "when the job ends, write its result bundle here "
            + "(e.g. results/ci-runner-1.zip) for `probelab import` on another machine")
    Path bundle;

    /** The job these options ask for; a {@code --target} job measures that server alone, whatever else is named. */
    private JobRequest request(Catalogs catalogs) {
        Selection what = target != null ? Selection.target(target)
                : Selection.of(runtimes, goVersions, sizes, metrics, catalogs.toolchains().newest().minor());
        Sampling how = Sampling.of(repeat, warmup, rttDurationMillis, precisionPct, Sampling.RunBounds.of(minRuns, maxRuns),
                budget == null ? null : Budgets.parseMillis(budget));
        return new JobRequest(what, how, Conditions.of(scenarios, cacheModes, devLoopWays));
    }

    @Override
    public Integer call() throws Exception {
        if (bundle != null && java.nio.file.Files.isDirectory(bundle)) {
            throw new IllegalArgumentException("--bundle takes a file to write, e.g. results/NAME.zip; " + bundle + " is a directory");
        }
        // planned before the database opens: a refused request is exit status 2 (Main) with nothing touched, and the
        // message is the same whether or not a server holds the database. The job runs on the same catalogs
        Config config = Config.fromEnvironment(db.db);
        Catalogs catalogs = Probelab.discover(config);
        Plan plan = catalogs.plan(request(catalogs));
        try (Probelab app = new Probelab(config, catalogs, false);
             ConsoleProgress progress = new ConsoleProgress(json ? System.err : System.out)) {
            String jobId = plan.jobId();
            Sampling how = plan.request().how();
            app.runner().queue(plan);
            if (target == null) {
                progress.log("job " + jobId + ": " + (how.adaptive()
                        ? "at least " + plan.estimatedSteps() + " iterations, more until each median is within +/-"
                          + how.precisionPct() + "% (at most " + how.runs().max() + " per cell)"
                        : plan.estimatedSteps() + " iterations")
                        + (how.budgetMillis() == null ? "" : ", budget " + how.budgetMillis() / 1000 + " s")
                        + ", database " + app.config().dbFile());
            }
            app.runner().run(plan, progress, new JobRunner.Control());
            progress.close();
            List<SampleStore.MetricSummary> summary = app.store().summarize(jobId);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("jobId", jobId);
                doc.put("database", app.config().dbFile().toString());
                doc.put("summary", summary);
                doc.put("sampling", app.store().sampling(jobId));
                System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            } else {
                System.out.println();
                System.out.println("job " + jobId + " (query it: SELECT * FROM v_samples WHERE job_id = '" + jobId + "')");
                SummaryTable.print(summary, System.out);
                printSampling(app.store().sampling(jobId));
            }
            if (bundle != null) {
                // the job's runs alone, whatever else the database holds
                var written = app.bundles().export(bundle, new Exporter.Filter(List.of(), List.of(), List.of(), List.of(), List.of(jobId)));
                (json ? System.err : System.out).printf("bundle %s: %,d bytes, %,d samples, sha256 %s%n", written.file(),
                        written.bytes(), written.manifest().rows("samples.parquet"), written.manifest().contentSha256());
            }
            long ok = summary.stream().mapToLong(SampleStore.MetricSummary::okCount).sum();
            return ok == 0 ? 1 : 0;
        }
    }

    /** How far each cell's tasks got and why they stopped: what tells "precise" from "out of budget". */
    private static void printSampling(List<SampleStore.SampledTask> tasks) {
        if (tasks.isEmpty()) return;
        System.out.println();
        System.out.println("sampling (v_sampling):");
        for (SampleStore.SampledTask t : tasks) {
            var r = t.task();
            System.out.printf(Locale.ROOT, "  %-40s %3d iterations in %6.1f s, stopped: %s%s%n",
                    t.runtime() + " go" + t.goVersion() + " " + t.projectSize() + " " + r.task(), r.iterations(),
                    r.measuredMillis() / 1000.0, r.stopReason(), r.halfWidthPct() == null ? ""
                            : String.format(Locale.ROOT, " (widest interval +/-%.1f%%, %s)", r.halfWidthPct(), r.widestSeries()));
        }
    }
}
