package probelab.analysis.claims;

import probelab.analysis.MedianInterval;
import probelab.analysis.Summary;
import probelab.catalog.GoVersion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fact-check: each published claim against Probelab's own measurements on this machine. The rule: a claim
 * agrees when its figure (or any part of its range, or its bound) lies within our median's 95% interval widened by
 * a factor of {@link #TOLERANCE_FACTOR} on each side ([low / 1.25, high x 1.25]); otherwise it disagrees, by the
 * factor ours / theirs (our median over the nearest claimed figure). Claims that cannot be compared say why
 * ({@link Reason}); none is dropped.
 */
public final class ClaimCheck {
    /**
     * How far outside our interval a claimed figure may lie and still agree. The articles measured other machines,
     * with other tools, and rarely say how often: within 25% of our interval is as close as such figures can be held.
     */
    public static final double TOLERANCE_FACTOR = 1.25;

    /** Our figure for a claim's cell, in the metric's unit; {@code low}/{@code high} null below 6 samples. */
    public record Measurement(String runtime, String goVersion, String size, String scenario, String metric,
                              String variant, String unit, int n, double median, Double low, Double high,
                              Double acceptLow, Double acceptHigh, List<String> jobIds) {
    }

    /**
     * One claim's verdict. {@code findings}: every reason that applies, the first one deciding (empty unless not
     * comparable); {@code target}: the cell the claim needs (null when it names no Probelab metric); {@code factor}:
     * ours / theirs when there is a measurement and a positive figure.
     */
    public record CheckedClaim(ClaimFacts claim, Verdict verdict, List<Finding> findings, ClaimTarget target,
                               Measurement measurement, Double factor) {
        /** The deciding reason, null unless not comparable. */
        public Reason reason() {
            return findings.isEmpty() ? null : findings.get(0).reason();
        }
    }

    private ClaimCheck() {
    }

    /**
     * The metrics whose samples the check needs: those of the claims that nothing but the runtime's presence keeps
     * from a comparison (so one read covers every claim).
     */
    public static Set<String> metricsNeeded(List<ClaimFacts> claims) {
        Set<String> out = new HashSet<>();
        for (ClaimFacts c : claims) {
            ClaimMapping.Mapping m = ClaimMapping.map(c, r -> true);
            if (m.comparable()) out.add(m.target().metric());
        }
        return out;
    }

    /** The runtimes present here: those that run on Linux, and any other the database holds measurements of. */
    public static Set<String> runtimesHere(List<MeasuredCell> cells) {
        Set<String> here = new HashSet<>(ClaimMapping.LINUX_RUNTIMES);
        cells.forEach(c -> here.add(c.runtime()));
        return here;
    }

    /** Every claim, in the order given, with its verdict. */
    public static List<CheckedClaim> check(List<ClaimFacts> claims, List<MeasuredCell> cells) {
        Set<String> here = runtimesHere(cells);
        List<CheckedClaim> out = new ArrayList<>(claims.size());
        for (ClaimFacts c : claims) out.add(check(c, ClaimMapping.map(c, here::contains), cells));
        return List.copyOf(out);
    }

    /** Counts per verdict, every verdict present (0 when none). */
    public static Map<Verdict, Integer> counts(List<CheckedClaim> checked) {
        Map<Verdict, Integer> out = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) out.put(v, 0);
        checked.forEach(c -> out.merge(c.verdict(), 1, Integer::sum));
        return out;
    }

    /** Counts of the deciding reason of not comparable claims, every reason present (0 when none). */
    public static Map<Reason, Integer> reasonCounts(List<CheckedClaim> checked) {
        Map<Reason, Integer> out = new EnumMap<>(Reason.class);
        for (Reason r : Reason.values()) out.put(r, 0);
        checked.stream().filter(c -> c.reason() != null).forEach(c -> out.merge(c.reason(), 1, Integer::sum));
        return out;
    }

    private static CheckedClaim check(ClaimFacts c, ClaimMapping.Mapping m, List<MeasuredCell> cells) {
        if (!m.comparable()) return new CheckedClaim(c, Verdict.NOT_COMPARABLE, m.findings(), m.target(), null, null);
        ClaimTarget t = m.target();
        MeasuredCell cell = cells.stream().filter(x -> matches(x, t)).min(preference(t)).orElse(null);
        if (cell == null) {
            return new CheckedClaim(c, Verdict.NOT_COMPARABLE, List.of(new Finding(Reason.NO_MEASUREMENT,
                    "no ok samples of " + describe(t) + " yet")), t, null, null);
        }
        Summary s = Summary.of(cell.sortedValues());
        MedianInterval ci = s.median95();
        double[] claimed = claimedBand(c, t.toMetricUnit());
        Double factor = factor(s.median(), claimed);
        if (ci == null) {
            Measurement partial = measurement(cell, s, null);
            return new CheckedClaim(c, Verdict.NOT_COMPARABLE, List.of(new Finding(Reason.NO_MEASUREMENT, "only " + s.n()
                    + " ok sample(s) of " + describe(t) + ": a 95% interval of the median needs "
                    + MedianInterval.MIN_SAMPLES)), t, partial, factor);
        }
        Measurement ours = measurement(cell, s, ci);
        boolean agrees = claimed[0] <= ours.acceptHigh() && claimed[1] >= ours.acceptLow();
        return new CheckedClaim(c, agrees ? Verdict.AGREES : Verdict.DISAGREES, List.of(), t, ours, factor);
    }

    /** The claim's figures in the metric's unit as a closed band: a value, a range, or a one-sided bound. */
    static double[] claimedBand(ClaimFacts c, double toUnit) {
        double v = c.value() * toUnit;
        return switch (c.qualifier()) {
            case "range" -> new double[]{v, c.valueHigh() * toUnit};
            case "at_most" -> new double[]{Double.NEGATIVE_INFINITY, v};
            case "at_least" -> new double[]{v, Double.POSITIVE_INFINITY};
            default -> new double[]{v, v}; // "approx" too: the tolerance is what "about" allows
        };
    }

    /** Our median over the nearest claimed figure; null when that figure is not positive. */
    static Double factor(double median, double[] band) {
        double nearest = median < band[0] ? band[0] : median > band[1] ? band[1] : median;
        if (Double.isInfinite(nearest)) nearest = Double.isInfinite(band[0]) ? band[1] : band[0];
        return nearest > 0 ? median / nearest : null;
    }

    private static Measurement measurement(MeasuredCell cell, Summary s, MedianInterval ci) {
        return new Measurement(cell.runtime(), cell.goVersion(), cell.size(), cell.scenario(), cell.metric(),
                cell.variant(), cell.unit(), s.n(), s.median(), ci == null ? null : ci.low(), ci == null ? null : ci.high(),
                ci == null ? null : ci.low() / TOLERANCE_FACTOR, ci == null ? null : ci.high() * TOLERANCE_FACTOR,
                cell.jobIds());
    }

    static boolean matches(MeasuredCell x, ClaimTarget t) {
        return x.runtime().equals(t.runtime()) && x.metric().equals(t.metric()) && x.scenario().equals(t.scenario())
                && (t.goMinor() == null || GoVersion.minor(x.goVersion()).equals(t.goMinor()))
                && (t.size() == null || x.size().equals(t.size()))
                && (t.variant().isEmpty() ? x.variant().isEmpty()
                : x.variant().equals(t.variant()) || x.variant().startsWith(t.variant() + "/"));
    }

    /**
     * Among the cells that match: the newest Go version when the claim names none (what the default job measures),
     * then the most samples (another size or cache mode of the same series), then a stable order.
     */
    private static Comparator<MeasuredCell> preference(ClaimTarget t) {
        Comparator<MeasuredCell> byGo = (a, b) -> t.goMinor() != null ? 0 : -GoVersion.compare(a.goVersion(), b.goVersion());
        return byGo.thenComparing(Comparator.comparingInt(MeasuredCell::n).reversed())
                .thenComparing(MeasuredCell::size).thenComparing(MeasuredCell::variant);
    }

    /** "docker · Go 1.21 · tiny · default · cold_start_ms" with "any" for what the claim leaves open. */
    public static String describe(ClaimTarget t) {
        return t.runtime() + " · Go " + (t.goMinor() == null ? "any" : t.goMinor()) + " · "
                + (t.size() == null ? "any size" : t.size()) + " · scenario " + t.scenario() + " · " + t.metric()
                + (t.variant().isEmpty() ? "" : " [" + t.variant() + "]");
    }
}
