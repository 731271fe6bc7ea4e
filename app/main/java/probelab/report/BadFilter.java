package probelab.report;

import java.util.List;

/**
 * A report filter named something that does not exist or is malformed. {@code valid} lists what would have been
 * accepted (empty when a list makes no sense). The web edge answers 400 with it, the CLI exits with status 2.
 */
public final class BadFilter extends RuntimeException {
    private final String param;
    private final List<String> valid;

    public BadFilter(String param, String message, List<String> valid) {
        super(message);
        this.param = param;
        this.valid = List.copyOf(valid);
    }

    public String param() {
        return param;
    }

    public List<String> valid() {
        return valid;
    }

    /** An offending value, cut short so that a huge parameter does not come back whole. */
    public static String quote(String value) {
        if (value == null) return "null";
        String v = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        return "'" + v + "'";
    }
}
