package probelab.storage.samples;

import java.time.Instant;

/** One (runtime, Go version, project size, scenario) cell of a job as stored in {@code runs}. */
public record RunRow(String runId, String jobId, String runtimeId, String goVersion, String projectSize,
                     Instant startedAt, Environment environment, WorkloadCounts workload, String scenario) {
    /** The scenario every run had before scenarios existed, and the one a job measures unless asked otherwise. */
    public static final String DEFAULT_SCENARIO = "default";

    /** A run in the default scenario. */
    public RunRow(String runId, String jobId, String runtimeId, String goVersion, String projectSize,
                  Instant startedAt, Environment environment, WorkloadCounts workload) {
        this(runId, jobId, runtimeId, goVersion, projectSize, startedAt, environment, workload, DEFAULT_SCENARIO);
    }

    /** The real size of the generated project the run built (zeros when the run built nothing). */
    public record WorkloadCounts(int modules, int packages, int files, int lines, String generatorVersion) {
        public static final WorkloadCounts NONE = new WorkloadCounts(0, 0, 0, 0, "");
    }
}
