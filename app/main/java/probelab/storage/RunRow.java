package probelab.storage;

import java.time.Instant;

/** One (runtime, Go version, project size) cell of a job as stored in {@code runs}. */
public record RunRow(String runId, String jobId, String runtimeId, String goVersion, String projectSize,
                     Instant startedAt, Environment environment, WorkloadCounts workload) {
    /** The real size of the generated project the run built (zeros when the run built nothing). */
    public record WorkloadCounts(int modules, int packages, int files, int lines, String generatorVersion) {
        public static final WorkloadCounts NONE = new WorkloadCounts(0, 0, 0, 0, "");
    }
}
