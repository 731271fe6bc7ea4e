package probelab.web.overview;

import probelab.web.common.Layout;

import java.util.List;

/** The typed records the overview templates take: one per template, every string already formatted. */
public final class Views {
    private Views() {
    }

    /** overview/page.jte */
    public record OverviewPage(Layout layout, Report report) {
    }

    /** share/reportPage.jte: a report frozen to a link's run set, with the newer-data banner above it. */
    public record SharedReportPage(Layout layout, ShareBanner banner, Report report) {
    }

    /** The banner above a shared report; null fields leave it out. */
    public record ShareBanner(String createdAt, String newerRuns, String liveUrl) {
    }

    /** overview/report.jte: the swappable part of the overview. */
    public record Report(FilterBar filters, Header header, DiagnosticsCell diagnostics, VerdictCell verdict, List<Cell> cells) {
    }

    /** overview/verdict.jte: the answer at the top, one block per headline question the selection can answer. */
    public record VerdictCell(List<VerdictAnswer> answers, String jsonUrl, MeasureMore measureMore) {
    }

    /** The "measure more" button of a finished job's report: where it posts, the baseline it keeps, what it will do. */
    public record MeasureMore(String action, String baseline, String label) {
    }

    /** One question: its plain sentence and the runtimes ranked. */
    public record VerdictAnswer(String id, String question, String sentence, List<VerdictLine> lines) {
    }

    /** One runtime's place in an answer; {@code verdictClass} is verdict-more, -less, -same, -mixed or -none. */
    public record VerdictLine(int rank, String runtime, String color, String words, String ratio, String interval, String n,
                              String verdictClass) {
    }

    /**
     * overview/diagnostics.jte: what may distort the selected runs' figures (v_diagnostics), each with its evidence
     * and fix, shown above every other cell so nobody reads a confounder as a runtime's verdict.
     */
    public record DiagnosticsCell(List<probelab.storage.report.Diagnostics.Diagnostic> items, String jsonUrl) {
    }

    /** An option of a filter: a checkbox or a select option. {@code color} is set for runtimes. */
    public record Option(String value, String label, boolean selected, String color) {
    }

    /** A scenario in the filter bar, with what it does as the chip's tooltip. */
    public record ScenarioOption(String value, boolean selected, String description) {
    }

    /** overview/filters.jte; {@code reportUrl}: the view as one self-contained HTML file. */
    public record FilterBar(List<Option> runtimes, List<Option> go, List<Option> sizes, List<Option> metrics,
                            List<ScenarioOption> scenarios, List<Option> jobs, String from, String to, List<Option> baselines, List<Option> heatmaps,
                            boolean isDefault, String summary, String action, boolean claims, String parquetUrl,
                            String missing, String missingJobUrl, String claimsCheckUrl, List<Option> machines,
                            String reportUrl) {
    }

    /** overview/header.jte */
    public record Header(String scope, String okSamples, String failedSamples, String runs, String jobs, String first,
                         String last, List<Machine> machines, boolean moreMachines, List<Software> software,
                         boolean moreSoftware, List<Engine> engines, boolean synthetic, Banner running, String pollUrl,
                         String poolWarning, String machinesNote) {
        /** htmx polling while a job runs; null leaves the attribute out, and polling stops. */
        public String pollTrigger() {
            return pollUrl == null ? null : "every 5s";
        }
    }

    /** One machine of the view: its name and id, its fingerprint in words, and whether its series carry no "@ name". */
    public record Machine(String name, String machineId, boolean reference, String description, String probelab, String runs) {
    }

    /** One runtime as the selected runs recorded it: its versions, how it was reached, the Go versions used. */
    public record Software(String runtime, String color, String runtimeVersions, String reachedVia, String goVersions,
                           String runs) {
    }

    /**
     * A container engine's configuration as the latest selected run of {@code runtime} recorded it: what moves the
     * figures as much as the engine does (storage driver, cgroups, OCI runtime, network and port driver, proxy).
     * Empty strings for what was not recorded.
     */
    public record Engine(String runtime, String color, String storageDriver, String cgroup, String ociRuntime,
                         String network, String userlandProxy, String securityOptions, String engineVersion,
                         String recordedAt) {
    }

    /** A job in progress, shown above the cells while they refresh themselves. */
    public record Banner(String jobId, String jobUrl, String step, int percent, long done, long total, String status) {
    }

    /** overview/cell.jte */
    public record Cell(String id, String domId, String title, String description, List<String> notes, boolean truncated,
                       boolean showGo, boolean showSize, boolean showMetric, boolean showVariant, String tailNote,
                       List<Row> rows, Failures failures, List<Chart> charts, String url, String jsonUrl, String csvUrl,
                       String samplesCsvUrl, String pollUrl, String baseline, int hiddenRows,
                       probelab.report.ClaimsTable claims) {
        public String pollTrigger() {
            return pollUrl == null ? null : "every 5s";
        }

        /** What an empty cell says: while a job runs, samples are on their way. */
        public String emptyNote() {
            return pollUrl != null ? "No samples here yet: the running job's samples appear as they are measured."
                    : "No ok samples match this filter.";
        }

        public String target() {
            return "#" + domId;
        }
    }

    /** A line of a cell's aggregate table. */
    public record Row(String runtime, String color, String go, String size, String metric, String variant, int n,
                      String median, String ci, boolean tooFew, String p90, String p99, String mean, String stddev,
                      String min, String max, String ratio, String ratioInterval, String verdict, boolean baseline,
                      boolean significant) {
        /** CSS classes: the baseline row stands out; so does a ratio whose interval excludes 1. */
        public String rowClass() {
            return baseline ? "baseline" : null;
        }

        public String ratioClass() {
            return significant ? "num significant" : "num";
        }

        public String ciClass() {
            return tooFew ? "ci few" : "ci";
        }
    }

    /** {@code notApplicable}: what a runtime can never measure, one line each, apart from the failures. */
    public record Failures(String total, List<Failure> reasons, boolean more, List<String> notApplicable) {
    }

    public record Failure(String runtime, String color, String metrics, String reason, String count) {
    }

    public record Chart(String domId, String src, String figure, String label) {
    }

    /** overview/cell-page.jte: one cell on its own page, with its filter spelled out. */
    public record CellPage(Layout layout, Cell cell, String filterSummary, String overviewUrl) {
    }

    /** The header's and the runtimes page's engine lines: one per runtime, empty strings for what was not recorded. */
    public static List<Views.Engine> engines(List<probelab.storage.report.EngineConfigReads.RuntimeEngine> engines) {
        List<Engine> out = new java.util.ArrayList<>();
        for (probelab.storage.report.EngineConfigReads.RuntimeEngine e : engines) {
            var c = e.config();
            String cgroup = c.cgroupVersion() == null ? "" : "v" + c.cgroupVersion()
                    + (c.cgroupDriver() == null ? "" : " (" + c.cgroupDriver() + ")");
            out.add(new Engine(e.runtime(), probelab.analysis.RuntimeColors.of(e.runtime()), orEmpty(c.storageDriver()), cgroup,
                    orEmpty(c.ociRuntime()), orEmpty(c.networkDriver()),
                    c.userlandProxy() == null ? "" : c.userlandProxy() ? "yes" : "no", orEmpty(c.securityOptions()),
                    orEmpty(c.engineVersion()), e.recordedAt() == null ? "" : probelab.report.Format.instant(e.recordedAt())));
        }
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

}
