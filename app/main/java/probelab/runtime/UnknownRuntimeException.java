package probelab.runtime;

import java.util.List;

/** A runtime id was asked for that probelab does not know. */
public final class UnknownRuntimeException extends IllegalArgumentException {
    public UnknownRuntimeException(String id, List<String> valid) {
        super("unknown runtime '" + id + "'; valid: " + String.join(", ", valid));
    }
}
