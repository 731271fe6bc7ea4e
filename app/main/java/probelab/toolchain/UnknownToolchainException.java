package probelab.toolchain;

import probelab.catalog.UnknownNameException;

import java.util.List;

/** A Go version was asked for that no installed toolchain provides. */
public final class UnknownToolchainException extends UnknownNameException {
    public UnknownToolchainException(String message, List<String> valid) {
        super(message, valid);
    }
}
