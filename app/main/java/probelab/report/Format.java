package probelab.report;

import probelab.analysis.MedianInterval;
import probelab.analysis.Ratio;
import probelab.analysis.Summary;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers as people read them, with their unit; shared by templates and CSV headers. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** A value in its stored unit (us, ms, bytes, rps) scaled to something readable: "85.2 µs", "1.42 s", "7.1 MiB". */
    public static String value(Double v, String unit) {
        if (v == null || v.isNaN()) return "—";
        double a = Math.abs(v);
        return switch (unit) {
            case "us" -> a >= 1000 ? num(v / 1000) + " ms" : num(v) + " µs";
            case "ms" -> a >= 1000 ? num(v / 1000) + " s" : num(v) + " ms";
            case "bytes" -> bytes(v);
            case "rps" -> a >= 1000 ? num(v / 1000) + "k/s" : num(v) + "/s";
            case "pct" -> num(v) + "%";
            case "count" -> num(v);
            default -> num(v) + " " + unit;
        };
    }

    public static String bytes(double v) {
        double a = Math.abs(v);
        if (a >= 1024d * 1024 * 1024) return num(v / (1024d * 1024 * 1024)) + " GiB";
        if (a >= 1024 * 1024) return num(v / (1024 * 1024)) + " MiB";
        if (a >= 1024) return num(v / 1024) + " KiB";
        return String.format(Locale.ROOT, "%.0f B", v);
    }

    /** Three significant digits, without a trailing ".0" for large numbers. */
    public static String num(double v) {
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    public static String interval(MedianInterval ci, String unit) {
        if (ci == null) return "too few samples (n < " + MedianInterval.MIN_SAMPLES + ")";
        return value(ci.low(), unit) + " – " + value(ci.high(), unit);
    }

    public static String ratio(Ratio r) {
        if (r == null) return "—";
        return String.format(Locale.ROOT, "%.2f×", r.value());
    }

    public static String ratioInterval(Ratio r, boolean isBaseline) {
        if (isBaseline) return "baseline";
        if (r == null) return "";
        if (!r.hasInterval()) return "too few samples";
        return String.format(Locale.ROOT, "%.2f – %.2f (%s%%)", r.low(), r.high(),
                String.format(Locale.ROOT, "%.1f", 100 * r.confidence()).replaceFirst("\\.0$", ""));
    }

    public static String stddev(Summary s, String unit) {
        return s.stddev() == null ? "—" : value(s.stddev(), unit);
    }

    public static String instant(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    public static String duration(Duration d) {
        if (d == null) return "—";
        long s = d.toSeconds();
        if (s < 60) return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', '\u202f');
    }
}
