package probelab.runtime;

import probelab.catalog.UnknownNameException;

import java.util.List;

/** A runtime id was asked for that probelab does not know. */
public final class UnknownRuntimeException extends UnknownNameException {
    public UnknownRuntimeException(String id, List<String> valid) {
        super("runtime", id, valid);
    }
}
