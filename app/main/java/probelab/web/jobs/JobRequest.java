package probelab.web.jobs;

import probelab.metric.MetricFamily;

import com.fasterxml.jackson.annotation.JsonProperty;
import probelab.probe.JobSpec;

import java.util.List;

/**
 * A job as the API's JSON body or the jobs page's form asks for it. Absent fields take the CLI's defaults
 * (runtime native, newest Go, size tiny, every metric family, repeat 5, warmup 1, 1000 ms of RTT per iteration),
 * and the rest of the validation is the CLI's own: {@link JobSpec}'s constructor and {@code JobRunner.plan}.
 */
public record JobRequest(List<String> runtimes, List<String> go, List<String> sizes, List<String> metrics,
                         Integer repeat, Integer warmup, @JsonProperty("rttDurationMs") Long rttDurationMs) {
    public static final int DEFAULT_REPEAT = 5;
    public static final int DEFAULT_WARMUP = 1;
    public static final long DEFAULT_RTT_MS = 1000;

    public JobSpec toSpec(String newestGo) {
        return new JobSpec(orDefault(runtimes, List.of("native")), orDefault(go, List.of(newestGo)),
                orDefault(sizes, List.of("tiny")), orDefault(metrics, MetricFamily.ids()),
                repeat == null ? DEFAULT_REPEAT : repeat, warmup == null ? DEFAULT_WARMUP : warmup,
                rttDurationMs == null ? DEFAULT_RTT_MS : rttDurationMs);
    }

    private static List<String> orDefault(List<String> v, List<String> d) {
        if (v == null) return d;
        List<String> cleaned = v.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
        return cleaned.isEmpty() ? d : cleaned;
    }
}
