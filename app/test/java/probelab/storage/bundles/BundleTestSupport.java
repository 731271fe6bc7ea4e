package probelab.storage.bundles;

import java.io.IOException;
import java.nio.file.Path;

/** Tampering with bundles, for tests outside this package. */
public final class BundleTestSupport {
    private BundleTestSupport() {
    }

    /** A copy of {@code zip} with {@code entry}'s bytes replaced (the manifest left as it was). */
    public static void replaceEntry(Path zip, Path to, String entry, byte[] bytes) throws IOException {
        BundleTest.rewrite(zip, to, entry, bytes);
    }
}
