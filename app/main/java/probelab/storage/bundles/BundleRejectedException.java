package probelab.storage.bundles;

/**
 * A bundle that cannot be imported as it is: not a zip, a file missing or unexpected, a manifest that does not parse
 * or whose hashes do not match the files (changed after it was made), rows that do not fit. Nothing was written.
 * Bad input, so it is an IllegalArgumentException: exit status 2 on the command line, 400 on the web.
 */
public final class BundleRejectedException extends IllegalArgumentException {
    public BundleRejectedException(String message) {
        super(message);
    }

    public BundleRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
