package probelab.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * One runtime against the baseline for one metric, variant, Go version and size: how far apart the medians are, and
 * whether the difference is more than noise after correcting for the other comparisons in its family.
 *
 * @param ratio     the runtime's median over the baseline's; null when the baseline median is not positive (a native
 *                  runtime overhead of 0), as in {@link Ratio#of}
 * @param ratioLow  the low end of the ratio's interval ({@link Ratio}), null when either side has too few values
 * @param ratioHigh the high end, null likewise
 * @param pValue    the two-sided Mann-Whitney p-value of the runtime's values against the baseline's
 * @param pAdjusted the Holm-adjusted p-value over the comparisons of its family ({@link Holm})
 * @param direction +1 when the runtime's values lie above the baseline's, -1 below, 0 neither: from the medians where
 *                  they differ, else from the rank test itself (U above or below nm/2)
 * @param extraRunsToDecide for an undecided comparison, the iterations per side that would likely decide it at the
 *                  current spread ({@link SampleSizeAdvisor}); null when decided or when more data would likely not
 */
public record Comparison(Double ratio, Double ratioLow, Double ratioHigh, double pValue, double pAdjusted,
                         int direction, Integer extraRunsToDecide) {
    /** The family-wise error rate the verdict keeps: significant means {@code pAdjusted < ALPHA}. */
    public static final double ALPHA = 0.05;

    /** A comparison from its parts: the ratio (null when there is none), the test and the adjusted p-value. */
    public static Comparison of(Ratio ratio, MannWhitney test, double pAdjusted) {
        int direction = ratio != null && ratio.value() != 1 ? (ratio.value() > 1 ? 1 : -1) : test.direction();
        return new Comparison(ratio == null ? null : ratio.value(), ratio == null ? null : ratio.low(),
                ratio == null ? null : ratio.high(), test.pValue(), pAdjusted, direction, null);
    }

    /** The same comparison with the advisor's count of extra iterations per side (null: none advised). */
    public Comparison withAdvice(Integer extraRuns) {
        return new Comparison(ratio, ratioLow, ratioHigh, pValue, pAdjusted, direction, extraRuns);
    }

    @JsonProperty("significant")
    public boolean significant() {
        return pAdjusted < ALPHA;
    }

    /** "more", "less" or "same": the id the JSON carries ("same" also when the difference is not significant). */
    @JsonProperty("verdict")
    public String verdict() {
        if (!significant() || direction == 0) return "same";
        return direction > 0 ? "more" : "less";
    }

    /**
     * The verdict in words, with the adjusted p-value (the one the verdict rests on): "2.01x slower (p=0.002)",
     * "1.52x faster (p<0.001)" with {@code moreWord} "slower" and {@code lessWord} "faster"; "~ (p=0.41)" when not
     * significant. Below 1 the factor is 1/ratio, so both directions read as "times". Without a ratio (or with a
     * zero one) the factor is left out: "more (p<0.001)".
     */
    public String words(String moreWord, String lessWord) {
        String p = "(p" + formatP(pAdjusted) + ")";
        if (verdict().equals("same")) return "~ " + p;
        String word = direction > 0 ? moreWord : lessWord;
        if (ratio == null || ratio <= 0 || ratio.isInfinite()) return word + " " + p;
        double factor = direction > 0 ? ratio : 1 / ratio;
        return String.format(Locale.ROOT, "%.2fx %s %s", factor, word, p);
    }

    /** "<0.001" below 0.001, else "=" and two significant digits: "=0.002", "=0.041", "=0.41", "=1". */
    public static String formatP(double p) {
        if (p < 0.001) return "<0.001";
        return "=" + new BigDecimal(p).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
