package probelab.web.jobs;

import probelab.jobs.JobStatus;
import probelab.probe.JobRequest;
import probelab.probe.JobRequestJson;
import probelab.probe.Sampling;
import probelab.probe.Selection;

import probelab.report.Format;
import probelab.web.common.Ids;
import probelab.web.common.Layout;
import probelab.web.common.Paths;

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
    /** A checkbox of the form; {@code disabled}: shown (with the reason in {@code note}) but not selectable. */
    public record Choice(String value, String label, boolean checked, String note, String color, boolean disabled) {
        public Choice(String value, String label, boolean checked, String note, String color) {
            this(value, label, checked, note, color, false);
        }
    }

    /** jobs/form.jte: the repeat and budget boxes start empty (adaptive, no budget). */
    public record Form(List<Choice> runtimes, List<Choice> go, List<Choice> sizes, List<Choice> metrics,
                       List<Choice> cacheModes, List<Choice> devLoopWays, List<Choice> scenarios, int warmup, long rttDurationMs, int maxRepeat, double precisionPct,
                       int minRuns, int maxRuns, String budget, List<Preset> presets) {
        /** The precision as typed: 5, not 5.0. */
        public String precision() {
            return pct(precisionPct);
        }

        static String pct(double p) {
            return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
        }
    }

    /** A ready-made job: its name, what it is for, the form URL that fills it in, and its estimated duration. */
    public record Preset(String name, String purpose, String url, String estimate) {
    }

    /** jobs/estimate.jte: how long the job in the form would likely measure. */
    public record Estimate(String text) {
    }

    /** jobs/page.jte */
    public record JobsPage(Layout layout, Form form, List<Job> active, List<ListedJob> recent) {
    }

    /** jobs/job-page.jte: {@code specLines} say what the job measures in words; {@code spec} is the request as stored. */
    public record JobPage(Layout layout, Job job, List<String> specLines, String spec) {
    }

    /** What a stored job spec asks for, one line per aspect; empty when it is not a runtimes x versions x sizes job. */
    static List<String> describe(String specJson) {
        JobRequest request = JobRequestJson.read(specJson).orElse(null);
        if (request == null) return List.of();
        Selection what = request.what();
        Sampling how = request.how();
        List<String> out = new java.util.ArrayList<>();
        out.add("Runtimes: " + String.join(", ", what.runtimes()));
        out.add("Go: " + String.join(", ", what.goVersions()) + " · sizes: " + String.join(", ", what.sizeIds())
                + " · metric families: " + String.join(", ", what.metricIds()));
        out.add(how.repeat() != null ? "Exactly " + how.repeat() + " iterations per cell, " + how.warmup() + " warmup"
                : "Adaptive: until each median's 95% interval is within ±" + Form.pct(how.precisionPct()) + "%, "
                + how.runs().min() + " to " + how.runs().max() + " iterations per cell, " + how.warmup() + " warmup"
                + (how.budgetMillis() == null ? "" : ", measuring budget " + Format.duration(Duration.ofMillis(how.budgetMillis()))));
        out.add("RTT window " + how.rttDurationMillis() + " ms · build cache modes: "
                + (request.where().cacheModes() == null ? "each runtime's modes (fuse only when asked for)" : String.join(", ", request.where().cacheModes()))
                + " · scenarios: " + String.join("; ", request.where().scenarioIds())
                + " · dev loop ways: " + String.join(", ", request.where().devLoopWayIds()));
        return out;
    }

    static Job job(JobStatus s) {
        boolean cancelRequested = s.log().contains("cancel requested");
        // once a job has ended its last step ("preparing ...", "iteration 3 ...") would read as what it is doing now
        String step = s.active() ? s.step() : "ended: " + s.status();
        return new Job(s.id(), Ids.job(s.id()), Paths.job(s.id()), Paths.jobProgress(s.id()), Paths.jobCancel(s.id()),
                s.reportUrl(), s.status(), s.active(), cancelRequested, s.percent(), s.done(), s.total(), step,
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
