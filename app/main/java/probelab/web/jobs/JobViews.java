package probelab.web.jobs;

import probelab.jobs.JobStatus;

import probelab.web.Format;
import probelab.web.Ids;
import probelab.web.Layout;
import probelab.web.Paths;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The typed records the jobs templates take. */
public final class JobViews {
    private JobViews() {
    }

    /** jobs/progress.jte: the widget that polls itself every second while its job is queued or running. */
    public record Job(String id, String domId, String url, String progressUrl, String cancelUrl, String reportUrl,
                      String status, boolean active, boolean cancelRequested, int percent, long done, long total,
                      String step, List<String> log, int queuePosition, String okSamples, String failedSamples,
                      String created, String duration, String message, String timeLeft) {
        /** Polls every second while the job is queued or running; null leaves the attributes out and stops it. */
        public String pollUrl() {
            return active ? progressUrl : null;
        }

        public String pollTrigger() {
            return active ? "every 1s" : null;
        }

        public String target() {
            return "#" + domId;
        }

        public String statusClass() {
            return "status status-" + status;
        }
    }

    /** One line of the jobs list. */
    public record ListedJob(String id, String url, String reportUrl, String status, String created, String duration,
                            String okSamples, String failedSamples, String spec) {
        public String statusClass() {
            return "status status-" + status;
        }
    }

    /** A checkbox of the job form. */
    public record Choice(String value, String label, boolean checked, String note, String color) {
    }

    /** jobs/form.jte: the repeat and budget boxes start empty (adaptive, no budget). */
    public record Form(List<Choice> runtimes, List<Choice> go, List<Choice> sizes, List<Choice> metrics,
                       List<Choice> cacheModes, int warmup, long rttDurationMs, int maxRepeat, double precisionPct,
                       int minRuns, int maxRuns) {
        /** The precision as typed: 5, not 5.0. */
        public String precision() {
            return precisionPct == Math.rint(precisionPct) ? Long.toString((long) precisionPct) : Double.toString(precisionPct);
        }
    }

    /** jobs/page.jte */
    public record JobsPage(Layout layout, Form form, List<Job> active, List<ListedJob> recent) {
    }

    /** jobs/job-page.jte */
    public record JobPage(Layout layout, Job job, String spec) {
    }

    static Job job(JobStatus s) {
        boolean cancelRequested = s.log().contains("cancel requested");
        return new Job(s.id(), Ids.job(s.id()), Paths.job(s.id()), Paths.jobProgress(s.id()), Paths.jobCancel(s.id()),
                s.reportUrl(), s.status(), s.active(), cancelRequested, s.percent(), s.done(), s.total(), s.step(),
                s.log().size() > 12 ? s.log().subList(s.log().size() - 12, s.log().size()) : s.log(), s.queuePosition(),
                Format.count(s.okSamples()), Format.count(s.failedSamples()), Format.instant(s.createdAt()),
                duration(s.startedAt(), s.finishedAt()), s.message() == null ? "" : s.message(),
                timeLeft(s.estimatedMillisLeft()));
    }

    /** "about 40 s left", "about 4 min left"; empty when there is no estimate. */
    static String timeLeft(Long millis) {
        if (millis == null) return "";
        long s = Math.round(millis / 1000.0);
        if (s < 120) return "about " + s + " s left";
        return "about " + Math.round(s / 60.0) + " min left";
    }

    static String duration(Instant started, Instant finished) {
        if (started == null) return "—";
        return Format.duration(Duration.between(started, finished == null ? Instant.now() : finished));
    }
}
