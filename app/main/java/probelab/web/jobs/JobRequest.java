package probelab.web.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import probelab.probe.JobSpec;

import java.util.List;

/**
 * A job as the API's JSON body or the jobs page's form asks for it. Absent fields take the CLI's defaults
 * ({@link JobSpec#withDefaults}), and the rest of the validation is the CLI's own: {@link JobSpec}'s constructor and
 * {@code JobRunner.plan}.
 */
public record JobRequest(List<String> runtimes, List<String> go, List<String> sizes, List<String> metrics,
                         Integer repeat, Integer warmup, @JsonProperty("rttDurationMs") Long rttDurationMs) {
    public JobSpec toSpec(String newestGo) {
        return JobSpec.withDefaults(runtimes, go, sizes, metrics, repeat, warmup, rttDurationMs, newestGo);
    }
}
