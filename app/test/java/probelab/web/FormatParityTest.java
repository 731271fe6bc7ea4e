package probelab.web;

import probelab.report.Format;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import probelab.analysis.Comparison;
import probelab.web.reportfile.Disagreements;
import probelab.web.reportfile.ReportScripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static probelab.web.reportfile.Disagreements.java;

/**
 * The report file's words for numbers (figures.js: fixed, num, value, count, formatP) are {@link Format}'s and
 * {@link Comparison#formatP}'s on thousands of generated values: every magnitude from 1e-7 to 1e15, both signs, and
 * the halfway values where rounding the exact binary value and rounding its shortest decimal form part.
 */
@Timeout(60)
class FormatParityTest {
    private static final List<String> UNITS = List.of("us", "ms", "bytes", "rps", "pct", "count", "widgets");
    /** What the script writes for one value, in this order; {@link #words} writes the same list. */
    private static final String WORDS = "function (vs, units) { var F = ProbelabFigures; return vs.map(function (v) {"
            + " var out = [F.num(v), F.fixed(v, 0), F.fixed(v, 1), F.fixed(v, 2)];"
            + " units.forEach(function (u) { out.push(F.value(v, u)); }); return out; }); }";

    static ReportScripts scripts;

    @BeforeAll
    static void load() {
        scripts = ReportScripts.load();
    }

    private static List<String> words(double v) {
        List<String> out = new ArrayList<>(List.of(Format.num(v), String.format(Locale.ROOT, "%.0f", v),
                String.format(Locale.ROOT, "%.1f", v), String.format(Locale.ROOT, "%.2f", v)));
        for (String unit : UNITS) out.add(Format.value(v, unit));
        return out;
    }

    @Test
    void numbers_read_the_same_in_the_file_as_in_the_live_report() {
        Random r = new Random(9_000);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            // below 1e15 (times 100 at most): beyond 2^53 Java prints a double's exact digits, the script its shortest form
            double magnitude = Math.pow(10, -7 + 20 * r.nextDouble());
            double v = switch (i % 5) {
                case 0 -> magnitude;
                // halfway in the last shown digit of 0, 1, 2 or 3 decimals: 2.675, 0.145, 1004.5
                case 1 -> (Math.floor(magnitude * 100) + 0.5) / 100 * Math.pow(10, r.nextInt(4) - 1);
                // a unit's switch (999.95 us -> 1.00 ms) and a decade's (0.09995 -> 0.100)
                case 2 -> List.of(999.95, 999.5, 99.995, 9.995, 0.09995, 1023.5, 1024 * 1024 - 0.5).get(r.nextInt(7)) * (1 + 1e-12 * r.nextGaussian());
                // halfway in the third significant digit where %.3g writes an exponent: 1.235e-6
                case 3 -> (100 + r.nextInt(900) + 0.5) * Math.pow(10, -7 - r.nextInt(3));
                default -> Math.round(magnitude);
            };
            // negative zero cannot reach the script as JSON (Rhino's JSON.parse reads -0.0 as 0): it is checked below
            values.add(r.nextInt(5) == 0 && v != 0 ? -v : v);
        }
        values.addAll(List.of(0.0, 1.0, 0.5, 1.5, 2.5, 1e-4, 9.995e-5, 1024.0, 1024.0 * 1024 * 1024));
        JsonNode js = scripts.call(WORDS, values, UNITS);
        Disagreements d = new Disagreements("Format against ProbelabFigures (num, fixed 0-2, value in " + UNITS + ")");
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            d.compare("value " + v + " (" + new java.math.BigDecimal(v) + ")", java(() -> words(v)), js.get(i));
        }
        d.compare("value -0.0", java(() -> words(-0.0)), scripts.call("function (units) { return (" + WORDS + ")([-0], units)[0]; }", UNITS));
        d.assertNone(values.size() + 1);
    }

    @Test
    void p_values_and_counts_read_the_same_in_the_file_as_in_the_live_report() {
        Random r = new Random(9_500);
        List<Double> ps = new ArrayList<>(List.of(0.0, 1.0, 0.001, 0.00099999, 0.05, 0.0095, 0.0995, 0.995, 0.045, 0.0415, 0.415));
        List<Long> counts = new ArrayList<>(List.of(0L, 999L, 1_000L, 1_234_567L));
        while (ps.size() < 3_000) {
            ps.add(switch (ps.size() % 3) {
                case 0 -> r.nextDouble();
                case 1 -> Math.pow(10, -4 * r.nextDouble());
                default -> (Math.floor(r.nextDouble() * 1000) + 0.5) / 1000 / Math.pow(10, r.nextInt(3));
            });
            counts.add((long) Math.pow(10, 12 * r.nextDouble()));
        }
        JsonNode js = scripts.call("function (ps, ns) { var F = ProbelabFigures;"
                + " return [ps.map(F.formatP), ns.map(F.count)]; }", ps, counts);
        Disagreements p = new Disagreements("Comparison.formatP against ProbelabFigures.formatP");
        for (int i = 0; i < ps.size(); i++) {
            double v = ps.get(i);
            p.compare("p " + v + " (" + new java.math.BigDecimal(v) + ")", java(() -> Comparison.formatP(v)), js.get(0).get(i));
        }
        p.assertNone(ps.size());
        Disagreements c = new Disagreements("Format.count against ProbelabFigures.count");
        for (int i = 0; i < counts.size(); i++) {
            long n = counts.get(i);
            c.compare("count " + n, java(() -> Format.count(n)), js.get(1).get(i));
        }
        c.assertNone(counts.size());
    }
}
