package probelab.web.overview;

import probelab.report.CellKind;
import probelab.report.CellResult;
import probelab.analysis.Comparison;
import probelab.analysis.RuntimeColors;
import probelab.analysis.Verdicts;
import probelab.catalog.Unit;
import probelab.report.Format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict summary in words: for each headline question, the runtimes ranked with their factor, interval and
 * significance, and one plain sentence ("On cold start, podman is indistinguishable from native; docker adds about
 * 120 ms (1.9x slower, p<0.001)"). The same answers feed the page and {@code /api/verdict}.
 */
final class VerdictViews {
    private VerdictViews() {
    }

    /** The answers the given cells can give, in {@link Verdicts#HEADLINES} order. */
    static List<Verdicts.Answer> answers(Map<CellKind, CellResult> cells, String baseline) {
        List<Verdicts.Answer> out = new ArrayList<>();
        for (Verdicts.Headline h : Verdicts.HEADLINES) {
            for (CellResult r : cells.values()) {
                if (r.kind().family() != h.metric().family()) continue;
                Verdicts.answer(h, r.rows(), baseline).ifPresent(out::add);
            }
        }
        return out;
    }

    static Views.VerdictCell cell(List<Verdicts.Answer> answers, String jsonUrl, Views.MeasureMore measureMore) {
        List<Views.VerdictAnswer> views = new ArrayList<>();
        for (Verdicts.Answer a : answers) {
            List<Views.VerdictLine> lines = new ArrayList<>();
            for (Verdicts.RuntimeLine l : a.runtimes()) {
                lines.add(new Views.VerdictLine(l.rank(), l.runtime(), RuntimeColors.of(l.runtime()), words(a, l),
                        l.ratio() == null ? "—" : String.format(Locale.ROOT, "%.2f×", l.ratio()), interval(l),
                        Format.count(l.n()), "verdict-" + l.verdict()));
            }
            views.add(new Views.VerdictAnswer(a.headline().id(), a.headline().question(), sentence(a), lines));
        }
        return new Views.VerdictCell(views, jsonUrl, measureMore);
    }

    /** The JSON of one answer: the numbers, the words and the sentence. */
    static Map<String, Object> json(Verdicts.Answer a) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", a.headline().id());
        doc.put("question", a.headline().question());
        doc.put("metric", a.headline().metric().id());
        doc.put("phase", a.headline().phase());
        doc.put("unit", a.headline().metric().unit().symbol());
        doc.put("baseline", a.baseline());
        doc.put("sentence", sentence(a));
        List<Map<String, Object>> rts = new ArrayList<>();
        for (Verdicts.RuntimeLine l : a.runtimes()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("runtime", l.runtime());
            r.put("rank", l.rank());
            r.put("baseline", l.baseline());
            r.put("ratio", l.ratio());
            r.put("ratioLow", l.ratioLow());
            r.put("ratioHigh", l.ratioHigh());
            r.put("pValue", l.pValue());
            r.put("pAdjusted", l.pAdjusted());
            r.put("verdict", l.verdict());
            r.put("words", words(a, l));
            r.put("difference", l.difference());
            r.put("comparisons", l.comparisons());
            r.put("decided", l.decided());
            r.put("n", l.n());
            rts.add(r);
        }
        doc.put("runtimes", rts);
        return doc;
    }

    /** "2.01x slower (p=0.002)", "~ (p=0.41)", "1.95x slower in all 3 comparisons (p≤0.004)", ... */
    static String words(Verdicts.Answer a, Verdicts.RuntimeLine l) {
        String p = pPart(l);
        return switch (l.verdict()) {
            case Verdicts.MORE, Verdicts.LESS -> factor(a, l) + " (" + p + ")";
            case Verdicts.SAME -> l.baseline() ? "baseline" : "~" + all(l) + " (" + p + ")";
            case Verdicts.MIXED -> "mixed: " + l.decided() + " of " + l.comparisons()
                    + " comparisons decided, not all the same way (see the table)";
            default -> "no comparison (too few samples on one side)";
        };
    }

    /** "1.97x slower", "+85 MiB" without a ratio, with " in all 3 comparisons" when there are several. */
    private static String factor(Verdicts.Answer a, Verdicts.RuntimeLine l) {
        Unit unit = a.headline().metric().unit();
        boolean more = l.verdict().equals(Verdicts.MORE);
        String f = l.ratio() == null ? (more ? "+" : "−") + Format.value(Math.abs(l.difference()), unit.symbol())
                : String.format(Locale.ROOT, "%.2fx %s", more ? l.ratio() : 1 / l.ratio(), more ? unit.moreWord() : unit.lessWord());
        return f + all(l);
    }

    private static String all(Verdicts.RuntimeLine l) {
        return l.comparisons() > 1 ? " in all " + l.comparisons() + " comparisons" : "";
    }

    /** The adjusted p the line rests on: an upper bound over several decided comparisons, a lower one over several undecided. */
    private static String pPart(Verdicts.RuntimeLine l) {
        if (l.pAdjusted() == null) return "";
        String p = "p" + Comparison.formatP(l.pAdjusted());
        if (l.comparisons() <= 1 || p.startsWith("p<")) return p;
        return p.replace("p=", l.verdict().equals(Verdicts.SAME) ? "p≥" : "p≤");
    }

    private static String interval(Verdicts.RuntimeLine l) {
        if (l.baseline()) return "baseline";
        if (l.ratioLow() == null) return l.comparisons() > 1 ? "per comparison in the table" : "—";
        return String.format(Locale.ROOT, "%.2f – %.2f", l.ratioLow(), l.ratioHigh());
    }

    /** One plain sentence for a question. */
    static String sentence(Verdicts.Answer a) {
        Unit unit = a.headline().metric().unit();
        // "adds" and "saves" read right for costs (lower is better); a rate (throughput) is not a headline
        List<String> parts = new ArrayList<>();
        List<String> same = a.of(Verdicts.SAME).stream().map(Verdicts.RuntimeLine::runtime).toList();
        if (!same.isEmpty()) {
            parts.add(join(same) + (same.size() == 1 ? " is" : " are") + " indistinguishable from " + a.baseline());
        }
        for (String v : List.of(Verdicts.MORE, Verdicts.LESS)) {
            for (Verdicts.RuntimeLine l : a.of(v)) {
                String amount = l.difference() == null ? "" : " about " + Format.value(Math.abs(l.difference()), unit.symbol());
                parts.add(l.runtime() + (v.equals(Verdicts.MORE) ? " adds" : " saves") + amount + " (" + factor(a, l) + ", " + pPart(l) + ")");
            }
        }
        List<String> mixed = a.of(Verdicts.MIXED).stream().map(Verdicts.RuntimeLine::runtime).toList();
        if (!mixed.isEmpty()) parts.add(join(mixed) + " differ" + (mixed.size() == 1 ? "s" : "") + " by Go version, size or cache mode");
        List<String> none = a.of(Verdicts.NONE).stream().map(Verdicts.RuntimeLine::runtime).toList();
        if (!none.isEmpty()) parts.add(join(none) + (none.size() == 1 ? " has" : " have") + " too few samples to compare");
        if (parts.isEmpty()) return a.headline().question() + ": only " + a.baseline() + " was measured.";
        return a.headline().question() + ": " + String.join("; ", parts) + ".";
    }

    private static String join(List<String> names) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
