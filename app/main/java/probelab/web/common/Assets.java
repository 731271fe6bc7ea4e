package probelab.web.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * URLs of the scripts and styles pages load. Webjar versions come from the webjars' own pom.properties, so the
 * pom is the only place that names them. Our own files carry a hash of their content in the URL (in the jar), so
 * they can be cached for a year and still change with a release; in dev mode they are re-read each time.
 */
public final class Assets {
    private final String htmx;
    private final String plotly;
    private final Path devStaticDir;
    private final String cssVersion;
    private final String appJsVersion;
    private final String chartsJsVersion;
    private final String shareJsVersion;

    public Assets(Path devStaticDir) {
        this.devStaticDir = devStaticDir;
        this.htmx = Paths.WEBJARS + "/htmx.org/" + webjarVersion("htmx.org") + "/dist/htmx.min.js";
        // the minified cartesian partial bundle (about 1.4 MB, 0.45 MB gzipped, instead of 10.9 MB): the build unpacks
        // the npm package under the webjars path, at the version the pom pins
        this.plotly = Paths.WEBJARS + "/plotly.js-cartesian-dist-min/" + pinned("plotly.version") + "/package/plotly-cartesian.min.js";
        this.cssVersion = devStaticDir == null ? hash("css/app.css") : null;
        this.appJsVersion = devStaticDir == null ? hash("js/app.js") : null;
        this.chartsJsVersion = devStaticDir == null ? hash("js/charts.js") : null;
        this.shareJsVersion = devStaticDir == null ? hash("js/share.js") : null;
    }

    public String htmx() {
        return htmx;
    }

    public String plotly() {
        return plotly;
    }

    public String css() {
        return own("css/app.css", cssVersion);
    }

    public String appJs() {
        return own("js/app.js", appJsVersion);
    }

    public String chartsJs() {
        return own("js/charts.js", chartsJsVersion);
    }

    /** The Share button's script (report views only). */
    public String shareJs() {
        return own("js/share.js", shareJsVersion);
    }

    private String own(String file, String version) {
        return Paths.STATIC + "/" + file + (version != null ? "?v=" + version : "?dev=" + devStamp(file));
    }

    /** In dev mode the file's modification time, so a reload picks up an edit. */
    private String devStamp(String file) {
        try {
            return Long.toString(Files.getLastModifiedTime(devStaticDir.resolve(file)).toMillis());
        } catch (IOException e) {
            return "0";
        }
    }

    /** A version the pom pins, from the resource Maven filters at build time. */
    private static String pinned(String key) {
        try (InputStream in = Assets.class.getResourceAsStream("/probelab-assets.properties")) {
            if (in == null) throw new IllegalStateException("probelab-assets.properties is missing from the class path");
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty(key);
            if (v == null || v.startsWith("${")) throw new IllegalStateException(key + " was not filled in by the build");
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String webjarVersion(String artifact) {
        String path = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("webjar " + artifact + " is missing from the class path");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(String file) {
        try (InputStream in = Assets.class.getResourceAsStream("/static/" + file)) {
            if (in == null) throw new IllegalStateException("static/" + file + " is missing from the jar");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
