package probelab.workload;

/** The third-party Go modules a workload imports cannot be served: a Debian package is missing, or its tree is unusable. */
public final class GoModulesException extends RuntimeException {
    public GoModulesException(String message) {
        super(message);
    }

    public GoModulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
