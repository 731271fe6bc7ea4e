package probelab.toolchain;

import java.util.List;

/** A Go version was asked for that no installed toolchain provides. */
public final class UnknownToolchainException extends IllegalArgumentException {
    private final List<String> valid;

    public UnknownToolchainException(String message, List<String> valid) {
        super(message);
        this.valid = List.copyOf(valid);
    }

    public List<String> valid() {
        return valid;
    }
}
