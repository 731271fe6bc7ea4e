package probelab.catalog;

import java.util.List;

/**
 * A name was asked for that its catalog does not have (a runtime, Go version, size, metric family, scenario or cache
 * mode); {@link #valid} lists the names it has. The web answers 400 with them, the CLI exits 2 with the message.
 */
public class UnknownNameException extends IllegalArgumentException {
    private final List<String> valid;

    /** "unknown {what} '{name}'; valid: a, b, c" */
    public UnknownNameException(String what, String name, List<String> valid) {
        this("unknown " + what + " '" + name + "'; valid: " + String.join(", ", valid), valid);
    }

    protected UnknownNameException(String message, List<String> valid) {
        super(message);
        this.valid = List.copyOf(valid);
    }

    public List<String> valid() {
        return valid;
    }
}
