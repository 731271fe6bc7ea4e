package probelab.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Probelab's own version, as the pom names it (Maven writes it into a resource at build time): stamped on every run. */
public final class ProbelabVersion {
    /** The pom's project version, e.g. "0.1.0". */
    public static final String CURRENT = read();

    private ProbelabVersion() {
    }

    private static String read() {
        try (InputStream in = ProbelabVersion.class.getResourceAsStream("/probelab-version.properties")) {
            if (in == null) throw new IllegalStateException("probelab-version.properties is missing from the class path");
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.startsWith("$")) throw new IllegalStateException("probelab-version.properties was not filtered by Maven");
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
