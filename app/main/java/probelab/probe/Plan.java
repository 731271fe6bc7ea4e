package probelab.probe;

import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;
import probelab.runtime.Runtime;
import probelab.toolchain.Toolchain;
import probelab.workload.ProjectSize;

import java.util.List;

/**
 * A job request checked against this machine, with the job's id: the runtimes and toolchains it names, found. Nothing
 * is written until the runner queues it ({@link JobRunner#queue}). A target job has neither runtimes nor toolchains.
 */
public record Plan(String jobId, JobRequest request, List<Runtime> runtimes, List<Toolchain> toolchains) {
    public Plan {
        runtimes = List.copyOf(runtimes);
        toolchains = List.copyOf(toolchains);
    }

    /** Whose CPU time is the job's own: this process's and its runtimes' processes' (probe.ForeignCpu). */
    ForeignCpu.Owners owners() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Runtime r : runtimes) names.addAll(r.ownProcessNames());
        return new ForeignCpu.Owners(ProcessHandle.current().pid(), names);
    }

    public List<ProjectSize> sizes() {
        return request.what().sizes();
    }

    public List<MetricFamily> families() {
        return request.what().families();
    }

    public List<Scenario> scenarios() {
        return request.where().scenarios();
    }

    /**
     * Iterations the job will run, warmups included: exact with {@code repeat}; with adaptive sampling the fewest it
     * can run (every task to its min runs), which the progress raises as the samples show what they need.
     */
    public long estimatedSteps() {
        Sampling how = request.how();
        if (request.what().target() != null) return how.warmup() + how.repeat();
        long cells = (long) runtimes.size() * toolchains.size() * sizes().size();
        int perTask = how.repeat() != null ? how.repeat() : how.runs().min();
        long steps = 0;
        if (families().stream().anyMatch(ServerProbe::measures)) steps += cells * scenarios().size() * (how.warmup() + perTask);
        // builds (go build and image builds), the dev loop and source tree I/O run in the default scenario only
        if (scenarios().contains(Scenario.DEFAULT)) {
            // builds: the cold sequences and the rebuilds, each a task of its own
            if (families().contains(MetricFamily.BUILD)) steps += 2 * cells * perTask;
            if (families().contains(MetricFamily.DEVLOOP)) steps += cells * perTask;
            if (families().contains(MetricFamily.GO_TEST)) steps += cells * perTask;
            if (families().contains(MetricFamily.FILES)) steps += cells * perTask;
            if (families().contains(MetricFamily.IMAGE_BUILD)) steps += cells * perTask;
        }
        return steps;
    }
}
