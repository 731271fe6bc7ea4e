package probelab.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Orders and matches Go versions the one way probelab uses: numerically per component, "1.22" naming 1.22.x. */
public final class GoVersion {
    /** Dot-separated numbers, optionally ending in a pre-release such as rc2 or beta1 (go1.21rc2). */
    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)(?:([a-z]+)(\\d*))?");
    private static final Pattern MINOR = Pattern.compile("^\\d+\\.\\d+");

    private GoVersion() {
    }

    /**
     * A total order consistent with {@code equals}, so that sorted sets keep every distinct string: versions by
     * their numbers (a missing component counts as 0), a pre-release before its release (1.21rc2 < 1.21.0), and
     * strings that are no version at all ("unknown", "") after every version, by text. Ties such as "1.22" and
     * "1.22.0" are broken by text.
     */
    public static int compare(String a, String b) {
        Matcher x = VERSION.matcher(a), y = VERSION.matcher(b);
        boolean xv = x.matches(), yv = y.matches();
        if (xv != yv) return xv ? -1 : 1;
        if (xv) {
            int c = compareNumbers(x.group(1), y.group(1));
            if (c == 0) c = comparePreRelease(x, y);
            if (c != 0) return c;
        }
        return a.compareTo(b);
    }

    /** Whether {@code wanted} ("1.22" or "1.22.12") names {@code version}: equal, or a prefix ending at a component. */
    public static boolean matches(String version, String wanted) {
        if (version.equals(wanted)) return true;
        if (!VERSION.matcher(wanted).matches() || !version.startsWith(wanted)) return false;
        char next = version.charAt(wanted.length());
        // "1.2" must not name "1.22.1": the prefix has to end where a component (or a pre-release) starts
        return next == '.' || Character.isLetter(next);
    }

    /** "1.22.12" -> "1.22", as users select a toolchain and reports group runs; anything else stays as it is. */
    public static String minor(String version) {
        Matcher m = MINOR.matcher(version);
        return m.find() ? m.group() : version;
    }

    private static int compareNumbers(String a, String b) {
        List<Long> x = numbers(a), y = numbers(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            int c = Long.compare(i < x.size() ? x.get(i) : 0, i < y.size() ? y.get(i) : 0);
            if (c != 0) return c;
        }
        return 0;
    }

    private static List<Long> numbers(String dotted) {
        List<Long> out = new ArrayList<>();
        for (String part : dotted.split("\\.")) {
            // more digits than a long holds is no Go version anyone ships; saturate rather than throw
            out.add(part.length() > 18 ? Long.MAX_VALUE : Long.parseLong(part));
        }
        return out;
    }

    /** A release after its pre-releases; pre-releases by kind (alpha < beta < rc, as text) and then number. */
    private static int comparePreRelease(Matcher x, Matcher y) {
        String xk = x.group(2), yk = y.group(2);
        if (xk == null || yk == null) return xk == null ? (yk == null ? 0 : 1) : -1;
        int c = xk.compareTo(yk);
        if (c != 0) return c;
        String xn = x.group(3), yn = y.group(3);
        return compareNumbers(xn.isEmpty() ? "0" : xn, yn.isEmpty() ? "0" : yn);
    }
}
