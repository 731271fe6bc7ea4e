package probelab.catalog;

import java.util.List;

/**
 * Input named something that does not exist or is malformed (a filter value, a form field, a cell, a share). {@code
 * param} names the offending parameter where there is one; {@code valid} lists what would have been accepted (empty
 * when a list makes no sense). The message quotes the offending value, which templates escape. Mapped once at each
 * edge: 400 on the web, exit status 2 in the CLI.
 */
public final class BadInput extends RuntimeException {
    private final String param;
    private final List<String> valid;

    public BadInput(String param, String message, List<String> valid) {
        super(message);
        this.param = param;
        this.valid = List.copyOf(valid);
    }

    public BadInput(String message) {
        this(null, message, List.of());
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
