package probelab.probe;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a job's time budget as people write it: {@code 90}, {@code 90s}, {@code 4m}, {@code 1m30s}, {@code 1h}, {@code PT4M}. */
public final class Budgets {
    // hours, minutes, seconds in that order, each optional, at least one present (checked below)
    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+(?:\\.\\d+)?)s)?");
    private static final Pattern SECONDS = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final long MAX_MILLIS = Sampling.MAX_BUDGET_MILLIS;

    private Budgets() {
    }

    /**
     * The budget in milliseconds; a bare number is seconds. Throws an IllegalArgumentException naming the accepted
     * forms when {@code text} is none of them; the range (more than 0, at most 7 days) is {@link Sampling}'s to check.
     */
    public static long parseMillis(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.startsWith("p")) return Duration.parse(t.toUpperCase(java.util.Locale.ROOT)).toMillis();
            if (SECONDS.matcher(t).matches()) return capped(Double.parseDouble(t));
            Matcher m = UNITS.matcher(t);
            if (!t.isEmpty() && m.matches()) {
                double s = 0;
                if (m.group(1) != null) s += Long.parseLong(m.group(1)) * 3600.0;
                if (m.group(2) != null) s += Long.parseLong(m.group(2)) * 60.0;
                if (m.group(3) != null) s += Double.parseDouble(m.group(3));
                return capped(s);
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // falls through to the one message that lists the forms
        }
        throw new IllegalArgumentException("budget must be a duration such as 90s, 4m, 1m30s or PT4M (a bare number is "
                + "seconds), got '" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "'");
    }

    // a huge number stays huge (and is refused by Sampling's range check) instead of overflowing into a small one
    private static long capped(double seconds) {
        double millis = seconds * 1000;
        return millis > MAX_MILLIS ? MAX_MILLIS + 1 : Math.round(millis);
    }
}
