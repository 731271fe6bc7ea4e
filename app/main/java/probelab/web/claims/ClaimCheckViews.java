package probelab.web.claims;

import probelab.analysis.claims.ClaimCheck;
import probelab.analysis.claims.ClaimTarget;
import probelab.analysis.claims.Reason;
import probelab.analysis.claims.Verdict;
import probelab.catalog.GoVersion;
import probelab.catalog.Metric;
import probelab.storage.claims.PublishedClaims;
import probelab.report.Format;
import probelab.web.common.Ids;
import probelab.web.common.Layout;
import probelab.web.common.Paths;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the fact-check's rows (shared by the page and the JSON) and the page's record from the checked claims. */
final class ClaimCheckViews {
    /** The rule in one sentence, on the page and in the JSON. */
    static final String RULE = String.format(Locale.ROOT, "A claim agrees when its figure, any part of its range, or "
            + "its bound lies within our median's 95%% interval widened by a factor of %.2f on each side "
            + "([low / %.2f, high × %.2f]); otherwise it disagrees, by the factor ours / theirs (our median over the "
            + "nearest claimed figure). Our figures pool the ok samples of every job that measured the cell.",
            ClaimCheck.TOLERANCE_FACTOR, ClaimCheck.TOLERANCE_FACTOR, ClaimCheck.TOLERANCE_FACTOR);

    private ClaimCheckViews() {
    }

    /** One row per claim, in claim order. {@code readOnly}: no job form links (the server has no job form). */
    static List<ClaimCheckRow> rows(ClaimCheckController.Checked c, boolean readOnly) {
        List<ClaimCheckRow> out = new ArrayList<>();
        for (int i = 0; i < c.claims().size(); i++) out.add(row(c.claims().get(i), c.checked().get(i), readOnly));
        return out;
    }

    private static ClaimCheckRow row(PublishedClaims.Claim c, ClaimCheck.CheckedClaim k, boolean readOnly) {
        ClaimTarget t = k.target();
        Reason reason = k.reason();
        String detail = k.findings().isEmpty() ? verdictWords(k) : k.findings().get(0).detail();
        List<String> others = k.findings().stream().skip(1).map(f -> f.reason().id()).distinct()
                .filter(id -> reason == null || !id.equals(reason.id())).toList();
        ClaimCheckRow.Needed needed = t == null ? null
                : new ClaimCheckRow.Needed(t.runtime(), t.goMinor(), t.size(), t.scenario(), t.metric(), t.variant());
        String reportUrl = k.measurement() == null ? null : reportUrl(k.measurement());
        String jobUrl = reason == Reason.NO_MEASUREMENT && !readOnly ? jobFormUrl(t) : null;
        return new ClaimCheckRow(c.claimId(), article(c.sourceFile()), c.sourceFile(), c.section(), c.runtime(),
                blankToNull(c.goVersion()), blankToNull(c.projectSizeHint()), c.metric(), c.statistic(), c.variant(),
                blankToNull(c.qualifier()), c.value(), c.valueHigh(), c.unit(), c.originalValue(), c.originalUnit(),
                c.originalText(), blankToNull(c.statedEnvironment()), k.verdict().id(),
                reason == null ? null : reason.id(), reason == null ? null : reason.label(), detail, others,
                t == null || t.basis().isEmpty() ? null : t.basis(), k.factor(), k.measurement(), needed, reportUrl, jobUrl);
    }

    private static String verdictWords(ClaimCheck.CheckedClaim k) {
        ClaimCheck.Measurement m = k.measurement();
        String within = Format.value(m.acceptLow(), m.unit()) + " – " + Format.value(m.acceptHigh(), m.unit());
        String factor = k.factor() == null ? "" : String.format(Locale.ROOT, " (ours / theirs: %.2f×)", k.factor());
        return k.verdict() == Verdict.AGREES ? "within " + within + factor
                : "outside " + within + factor;
    }

    /** The report filtered to the cell the verdict comes from (every job pooled, as the check pools them), at its cell. */
    static String reportUrl(ClaimCheck.Measurement m) {
        List<String> q = new ArrayList<>();
        q.add("runtime=" + Paths.enc(m.runtime()));
        q.add("go=" + Paths.enc(GoVersion.minor(m.goVersion())));
        q.add("size=" + Paths.enc(m.size()));
        // a metric the catalog does not know yet (image builds, GC) has no report family to filter on
        String family = Metric.find(m.metric()).map(x -> x.family().id()).orElse(null);
        if (family != null) q.add("metric=" + Paths.enc(family));
        q.add("scenario=" + Paths.enc(m.scenario()));
        q.add("job=all");
        String url = Paths.overview(String.join("&", q));
        return family == null ? url : url + "#" + Ids.cell(family);
    }

    /** The job form with the runtime, Go version and size ticked (what its URL can pre-fill). */
    static String jobFormUrl(ClaimTarget t) {
        List<String> q = new ArrayList<>();
        q.add("runtime=" + Paths.enc(t.runtime()));
        if (t.goMinor() != null) q.add("go=" + Paths.enc(t.goMinor()));
        q.add("size=" + Paths.enc(t.size() == null ? "tiny" : t.size()));
        return Paths.withQuery(Paths.JOBS, String.join("&", q));
    }

    static ClaimCheckPage page(Layout layout, ClaimCheckController.Checked c, List<ClaimCheckRow> rows,
                               ClaimCheckController.Filter f) {
        Map<Verdict, Integer> counts = ClaimCheck.counts(c.checked());
        List<ClaimCheckPage.Link> verdicts = new ArrayList<>();
        verdicts.add(new ClaimCheckPage.Link("", "all", rows.size(), url(f.query("verdict", null)), f.verdict() == null && f.reason() == null));
        for (Verdict v : Verdict.values()) {
            verdicts.add(new ClaimCheckPage.Link(v.id(), v.label(), counts.get(v), url(f.query("verdict", v.id())),
                    v == f.verdict() && f.reason() == null));
        }
        Map<String, Integer> perArticle = new LinkedHashMap<>();
        rows.stream().map(ClaimCheckRow::article).sorted().forEach(a -> perArticle.merge(a, 1, Integer::sum));
        List<ClaimCheckPage.Link> articles = new ArrayList<>();
        articles.add(new ClaimCheckPage.Link("", "all articles", rows.size(), url(f.query("article", null)), f.article() == null));
        perArticle.forEach((a, n) -> articles.add(new ClaimCheckPage.Link(a, "article " + a, n, url(f.query("article", a)),
                a.equals(f.article()))));
        List<ClaimCheckPage.ReasonCount> reasons = new ArrayList<>();
        ClaimCheck.reasonCounts(c.checked()).forEach((r, n) -> reasons.add(new ClaimCheckPage.ReasonCount(r.id(), r.label(),
                r.description(), n, url(f.query("reason", r.id())))));
        List<ClaimCheckPage.Row> shown = rows.stream().filter(f::keeps).map(ClaimCheckViews::pageRow).toList();
        String summary = "Showing " + shown.size() + " of " + rows.size() + " claims"
                + (f.verdict() == null ? "" : " · " + f.verdict().label())
                + (f.reason() == null ? "" : " · " + f.reason().label())
                + (f.article() == null ? "" : " · article " + f.article()) + ".";
        String query = f.query("verdict", f.verdict() == null ? null : f.verdict().id());
        return new ClaimCheckPage(layout, rows.size(), verdicts, articles, reasons, RULE, summary, Paths.CLAIMS_CHECK,
                Paths.withQuery(Paths.API_CLAIMS_CHECK, query), c.truncated(), shown);
    }

    private static ClaimCheckPage.Row pageRow(ClaimCheckRow r) {
        ClaimCheck.Measurement m = r.measurement();
        String measured = "", where = "", jobs = "";
        if (m != null) {
            measured = Format.value(m.median(), m.unit()) + (m.low() == null ? "" : " (95%: "
                    + Format.value(m.low(), m.unit()) + " – " + Format.value(m.high(), m.unit()) + ")") + ", n=" + m.n();
            where = m.runtime() + " · Go " + m.goVersion() + " · " + m.size() + " · " + m.scenario() + " · " + m.metric()
                    + (m.variant().isEmpty() ? "" : " [" + m.variant() + "]");
            jobs = m.jobIds().size() <= 3 ? String.join(", ", m.jobIds())
                    : String.join(", ", m.jobIds().subList(0, 3)) + " and " + (m.jobIds().size() - 3) + " more";
        } else if (r.needed() != null && Reason.NO_MEASUREMENT.id().equals(r.reason())) {
            where = "needs " + describe(r.needed());
        }
        String factor = r.factor() == null || m == null ? "" : String.format(Locale.ROOT, "%.2f×", r.factor());
        String others = r.otherReasons().stream().map(id -> Reason.parse(id).label()).reduce((a, b) -> a + "; " + b).orElse("");
        return new ClaimCheckPage.Row(r.claimId(), Ids.claim(r.claimId()), "article " + r.article(), r.sourceFile(),
                r.section(), claimed(r), r.statistic(), r.runtime(), r.metric(), r.variant(), r.originalText(),
                r.statedEnvironment() == null ? "" : r.statedEnvironment(), r.verdict(),
                Verdict.parse(r.verdict()).label(), r.reasonLabel() == null ? "" : r.reasonLabel(), r.detail(), others,
                r.basis() == null ? "" : r.basis(), measured, where, jobs, factor, r.reportUrl(), r.jobFormUrl());
    }

    private static String describe(ClaimCheckRow.Needed n) {
        return n.runtime() + " · Go " + (n.go() == null ? "any" : n.go()) + " · " + (n.size() == null ? "any size" : n.size())
                + " · scenario " + n.scenario() + " · " + n.metric() + (n.variant().isEmpty() ? "" : " [" + n.variant() + "]");
    }

    /** The claimed figure as people read it: "≤ 3 s", "~ 150 /s", "5 – 15 percent". */
    static String claimed(ClaimCheckRow r) {
        String prefix = switch (r.qualifier() == null ? "" : r.qualifier()) {
            case "at_most" -> "≤ ";
            case "at_least" -> "≥ ";
            case "approx" -> "~ ";
            default -> "";
        };
        if (r.valueHigh() != null) {
            return prefix + value(r.value(), r.unit()) + " – " + value(r.valueHigh(), r.unit());
        }
        return prefix + value(r.value(), r.unit());
    }

    private static String value(double v, String unit) {
        return switch (unit) {
            case "us", "ms", "bytes", "rps" -> Format.value(v, unit);
            case "percent" -> Format.num(v) + " %";
            case "ratio" -> Format.num(v) + "×";
            default -> Format.num(v) + " " + unit;
        };
    }

    /** "000" from "000_d7b6b40d109f3e36.txt": the article's number. */
    static String article(String sourceFile) {
        int us = sourceFile.indexOf('_');
        return us > 0 ? sourceFile.substring(0, us) : sourceFile;
    }

    private static String url(String query) {
        return Paths.withQuery(Paths.CLAIMS_CHECK, query);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
