package probelab.web.common;

import probelab.report.BadFilter;
import java.util.List;

/**
 * The request named something that does not exist or is malformed. {@code valid} lists what would have been
 * accepted (empty when a list makes no sense). The message quotes the offending value, which templates escape.
 */
public final class BadRequest extends RuntimeException {
    private final String param;
    private final List<String> valid;

    public BadRequest(String param, String message, List<String> valid) {
        super(message);
        this.param = param;
        this.valid = List.copyOf(valid);
    }

    public BadRequest(String message) {
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
        return BadFilter.quote(value);
    }
}
