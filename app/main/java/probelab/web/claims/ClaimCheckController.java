package probelab.web.claims;

import probelab.catalog.BadInput;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import probelab.analysis.claims.ClaimCheck;
import probelab.analysis.claims.ClaimFacts;
import probelab.analysis.claims.MeasuredCell;
import probelab.analysis.claims.Reason;
import probelab.analysis.claims.Verdict;
import probelab.storage.claims.ClaimMeasurements;
import probelab.storage.claims.ClaimsReader;
import probelab.storage.db.Database;
import probelab.storage.claims.PublishedClaims;
import probelab.storage.db.Rows;
import probelab.web.common.Layout;
import probelab.web.common.Pages;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fact-check page ({@code GET /claims/check}) and its JSON twin ({@code GET /api/claims/check}): every published
 * claim with its verdict against this machine's measurements. Both only read, so read-only servers serve them.
 * Optional filters: {@code verdict}, {@code reason} (a not comparable claim's deciding reason) and {@code article}.
 */
public final class ClaimCheckController {
    static final List<String> PARAMS = List.of("verdict", "reason", "article");

    private final Database db;
    private final Pages pages;
    private final ObjectMapper json;

    public ClaimCheckController(Database db, Pages pages, ObjectMapper json) {
        this.db = db;
        this.pages = pages;
        this.json = json;
    }

    /** Every claim checked, the claims as stored (for their wording) and whether the measurement read was cut short. */
    record Checked(List<PublishedClaims.Claim> claims, List<ClaimCheck.CheckedClaim> checked, boolean truncated) {
    }

    /** What the URL asks to see; null fields keep everything. */
    record Filter(Verdict verdict, Reason reason, String article) {
        boolean keeps(ClaimCheckRow r) {
            return (verdict == null || verdict.id().equals(r.verdict()))
                    && (reason == null || reason.id().equals(r.reason()))
                    && (article == null || article.equals(r.article()));
        }

        /** The query string of this filter with one field replaced (null: left out). */
        String query(String name, String value) {
            Map<String, String> q = new LinkedHashMap<>();
            if (verdict != null) q.put("verdict", verdict.id());
            if (reason != null) q.put("reason", reason.id());
            if (article != null) q.put("article", article);
            if (value == null) q.remove(name);
            else q.put(name, value);
            // a reason belongs to not comparable claims: choosing another verdict drops it
            if (name.equals("verdict") && q.containsKey("reason") && !Verdict.NOT_COMPARABLE.id().equals(value)) q.remove("reason");
            if (name.equals("reason") && value != null) q.put("verdict", Verdict.NOT_COMPARABLE.id());
            List<String> parts = new ArrayList<>();
            q.forEach((k, v) -> parts.add(k + "=" + probelab.web.common.Paths.enc(v)));
            return String.join("&", parts);
        }
    }

    /** GET /claims/check */
    public void page(Context ctx) {
        Checked c = compute();
        List<ClaimCheckRow> rows = ClaimCheckViews.rows(c, pages.readOnly());
        Filter f = filter(ctx, rows);
        Layout layout = pages.layout("Fact-check", Layout.Section.CLAIMS, false);
        ctx.html(pages.render("claims/check.jte", ClaimCheckViews.page(layout, c, rows, f)));
    }

    /** GET /api/claims/check */
    public void json(Context ctx) throws IOException {
        Checked c = compute();
        List<ClaimCheckRow> rows = ClaimCheckViews.rows(c, pages.readOnly());
        Filter f = filter(ctx, rows);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("total", rows.size());
        Map<String, Integer> counts = new LinkedHashMap<>();
        ClaimCheck.counts(c.checked()).forEach((v, n) -> counts.put(v.id(), n));
        doc.put("counts", counts);
        List<Map<String, Object>> reasons = new ArrayList<>();
        ClaimCheck.reasonCounts(c.checked()).forEach((r, n) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("label", r.label());
            m.put("description", r.description());
            m.put("count", n);
            reasons.add(m);
        });
        doc.put("reasons", reasons);
        doc.put("toleranceFactor", ClaimCheck.TOLERANCE_FACTOR);
        doc.put("rule", ClaimCheckViews.RULE);
        doc.put("truncated", c.truncated());
        Map<String, String> filter = new LinkedHashMap<>();
        if (f.verdict() != null) filter.put("verdict", f.verdict().id());
        if (f.reason() != null) filter.put("reason", f.reason().id());
        if (f.article() != null) filter.put("article", f.article());
        doc.put("filter", filter);
        doc.put("rows", rows.stream().filter(f::keeps).toList());
        ctx.contentType("application/json").result(json.writeValueAsBytes(doc));
    }

    private Checked compute() {
        List<PublishedClaims.Claim> claims = ClaimsReader.all(db);
        List<ClaimFacts> facts = claims.stream().map(ClaimCheckController::facts).toList();
        // one read for every claim: the samples of the metrics that comparable claims name
        Rows<ClaimMeasurements.Cell> read = ClaimMeasurements.of(db, ClaimCheck.metricsNeeded(facts).stream().sorted().toList());
        List<MeasuredCell> cells = read.items().stream().map(x -> new MeasuredCell(x.runtime(), x.goVersion(), x.size(),
                x.scenario(), x.metric(), x.variant(), x.unit(), x.sortedValues(), x.jobIds())).toList();
        return new Checked(claims, ClaimCheck.check(facts, cells), read.truncated());
    }

    static ClaimFacts facts(PublishedClaims.Claim c) {
        return new ClaimFacts(c.claimId(), c.runtime(), c.goVersion(), c.projectSizeHint(), c.metric(), c.statistic(),
                c.variant(), c.qualifier(), c.value(), c.valueHigh(), c.unit(), c.statedEnvironment(), c.notes());
    }

    /** The URL's filter; an unknown parameter or value is a 400 that lists what is valid. */
    private static Filter filter(Context ctx, List<ClaimCheckRow> rows) {
        Map<String, List<String>> params = ctx.queryParamMap();
        for (String name : params.keySet()) {
            if (!PARAMS.contains(name)) {
                throw new BadInput(name, "unknown parameter " + BadInput.quote(name) + "; valid: "
                        + String.join(", ", PARAMS), PARAMS);
            }
        }
        String v = one(params, "verdict"), r = one(params, "reason"), a = one(params, "article");
        Verdict verdict = null;
        Reason reason = null;
        try {
            if (v != null) verdict = Verdict.parse(v);
        } catch (IllegalArgumentException e) {
            throw new BadInput("verdict", "unknown verdict " + BadInput.quote(v) + "; valid: "
                    + String.join(", ", Verdict.ids()), Verdict.ids());
        }
        try {
            if (r != null) reason = Reason.parse(r);
        } catch (IllegalArgumentException e) {
            throw new BadInput("reason", "unknown reason " + BadInput.quote(r) + "; valid: "
                    + String.join(", ", Reason.ids()), Reason.ids());
        }
        List<String> articles = rows.stream().map(ClaimCheckRow::article).distinct().sorted().toList();
        if (a != null && !articles.contains(a)) {
            throw new BadInput("article", "unknown article " + BadInput.quote(a) + "; valid: "
                    + String.join(", ", articles), articles);
        }
        return new Filter(verdict, reason, a);
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> values = params.getOrDefault(name, List.of());
        if (values.size() > 1) throw new BadInput(name, name + " takes one value, got " + values.size(), List.of());
        if (values.isEmpty() || values.get(0).isBlank()) return null;
        return values.get(0).strip();
    }
}
