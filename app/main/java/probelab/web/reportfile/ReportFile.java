package probelab.web.reportfile;

import probelab.report.ReportFilter;
import probelab.storage.report.ReportQueries;
import probelab.web.overview.OverviewViews;
import probelab.web.overview.Views;
import probelab.report.ReportFileData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import probelab.web.common.Assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The self-contained report file: one HTML document holding the data ({@link ReportFileData}) as a JSON block, the
 * minified Plotly bundle the app serves, the stylesheet and the report file's scripts, all inline, so it opens from
 * disk with no server and no network. Its own Content-Security-Policy allows exactly these scripts (by hash) and no
 * fetch of anything, so a file that tried to reach the network would fail loudly instead of quietly.
 */
public final class ReportFile {
    /** The report file's scripts, in load order, under static/. */
    static final List<String> SCRIPTS = List.of("js/reportfile/stats.js", "js/reportfile/figures.js",
            "js/reportfile/cells.js", "js/reportfile/page.js", "js/reportfile/render.js");
    static final String CSS = "css/app.css";

    private final Path devStaticDir;
    private final String plotlyResource;
    private final ObjectMapper json;

    /** {@code devStaticDir}: static/ on disk in dev mode, null to read the files from the class path (the jar). */
    public ReportFile(Path devStaticDir, Assets assets, ObjectMapper json) {
        this.devStaticDir = devStaticDir;
        // the same minified bundle the report pages load, from where the build unpacked it onto the class path
        this.plotlyResource = "/META-INF/resources" + assets.plotly();
        this.json = json;
    }

    private static final int MACHINES = 5;
    private static final int SOFTWARE = 24;

    /** The file's header: as the report's header shows the selection, without the running-job banner. */
    public static Views.Header header(ReportFilter f, ReportQueries queries) {
        var sf = f.samples();
        return OverviewViews.header(f, queries.totals(sf), queries.machines(sf, MACHINES), queries.software(sf, SOFTWARE),
                queries.engineConfigs(sf, SOFTWARE), java.util.Optional.empty());
    }

    /** The whole document, UTF-8: the data and the header the script reads, the scripts and the styles. */
    public byte[] html(ReportFileData data, Views.Header header) {
        List<String> scripts = new ArrayList<>();
        scripts.add(inline(classpath(plotlyResource), "plotly"));
        for (String s : SCRIPTS) scripts.add(inline(own(s), s));
        String css = own(CSS);
        if (css.toLowerCase(Locale.ROOT).contains("</style")) throw new IllegalStateException(CSS + " contains </style");
        StringBuilder csp = new StringBuilder("default-src 'none'; script-src");
        for (String s : scripts) csp.append(" 'sha256-").append(sha256(s)).append('\'');
        // Plotly adds its own style elements and draws with inline styles; images only as data: or blob: URLs
        csp.append("; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'");
        String title = "probelab report · " + header.scope();
        StringBuilder html = new StringBuilder(4 * 1024 * 1024);
        html.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(csp).append("\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(css).append("\n</style>\n</head>\n<body>\n")
                .append("<header class=\"topbar\"><span class=\"brand\">probelab</span><span class=\"badge\">report file · written ")
                .append(escape(data.meta().generatedAt())).append(" · opens without a server</span></header>\n")
                .append("<main id=\"main\"><div id=\"report\" class=\"report\"><noscript><p class=\"warn\">This report draws its ")
                .append("filters, tables and charts with the JavaScript inside this file: allow scripts for it to see them.")
                .append("</p></noscript></div></main>\n")
                .append("<footer class=\"footer\">probelab ").append(escape(data.meta().version()))
                .append(" · a frozen copy of the report for ").append(escape(data.meta().summary()))
                .append(". The header and the diagnostics describe everything the file holds; every other figure is recomputed ")
                .append("in this page for its filters, by the live report's rules (medians, 95% intervals, ratios, Mann-Whitney ")
                .append("with Holm, merged histograms).")
                .append(data.meta().claims() ? " The published-claims overlay is not part of the file." : "")
                .append("</footer>\n<script type=\"application/json\" id=\"probelab-data\">").append(dataJson(data, header)).append("</script>\n");
        for (String s : scripts) html.append("<script>").append(s).append("</script>\n");
        html.append("</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What the script reads: the report's data with the header beside its fields. */
    private record Document(@com.fasterxml.jackson.annotation.JsonUnwrapped ReportFileData data, Views.Header header) {
    }

    /** JSON inside a script element: '<' only occurs in strings, where \u003c means the same and cannot end the element. */
    private String dataJson(ReportFileData data, Views.Header header) {
        try {
            return json.writeValueAsString(new Document(data, header)).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report file's data does not serialise", e);
        }
    }

    private static String inline(String code, String name) {
        if (code.toLowerCase(Locale.ROOT).contains("</script")) throw new IllegalStateException(name + " contains </script");
        return code;
    }

    private String own(String file) {
        if (devStaticDir != null) {
            try {
                return Files.readString(devStaticDir.resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classpath("/static/" + file);
    }

    private static String classpath(String resource) {
        try (InputStream in = ReportFile.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String code) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
