package probelab.runtime;

/** A runtime could not do what was asked (engine down, image build failed, container gone); becomes a failed sample. */
public class RuntimeFailure extends Exception {
    public RuntimeFailure(String message) {
        super(message);
    }

    public RuntimeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
