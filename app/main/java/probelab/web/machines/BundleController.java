package probelab.web.machines;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import probelab.storage.bundles.Bundles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POST /api/bundles: imports one result bundle sent as the raw request body (e.g. {@code curl --data-binary @a.zip
 * -H 'Content-Type: application/zip'}), at most {@link #MAX_UPLOAD_BYTES}. A bad or changed bundle is a 400 that
 * says why and writes nothing; one already imported is a 200 that says so.
 */
public final class BundleController {
    /** A bundle of 1M samples is about 10 MB; this leaves room for a team's month and refuses a runaway upload. */
    public static final long MAX_UPLOAD_BYTES = 512L * 1024 * 1024;

    private final Bundles bundles;
    private final ObjectMapper json;

    public BundleController(Bundles bundles, ObjectMapper json) {
        this.bundles = bundles;
        this.json = json;
    }

    public void importBundle(Context ctx) throws IOException {
        long declared = ctx.contentLength();
        if (declared > MAX_UPLOAD_BYTES) throw tooLarge();
        Path upload = Files.createTempFile("probelab-upload-", ".zip");
        try {
            // counted as it streams: a missing or false Content-Length cannot get past the cap
            try (InputStream in = ctx.bodyInputStream(); OutputStream out = Files.newOutputStream(upload)) {
                byte[] buf = new byte[1 << 16];
                long n = 0;
                for (int r; (r = in.read(buf)) > 0; ) {
                    n += r;
                    if (n > MAX_UPLOAD_BYTES) throw tooLarge();
                    out.write(buf, 0, r);
                }
                if (n == 0) throw new probelab.catalog.BadInput("send the bundle's zip as the request body");
            }
            Bundles.ImportResult r = bundles.importBundle(upload, "upload");
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("bundle", r.manifest().contentSha256());
            doc.put("alreadyImported", r.alreadyImported());
            if (r.alreadyImported()) doc.put("importedAt", r.importedBefore());
            doc.put("added", r.added());
            doc.put("machines", r.manifest().machines());
            doc.put("millis", r.millis());
            ctx.status(r.alreadyImported() ? 200 : 201).contentType("application/json").result(json.writeValueAsString(doc));
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    private static HttpResponseException tooLarge() {
        return new HttpResponseException(413, "a bundle may be at most " + MAX_UPLOAD_BYTES / (1024 * 1024) + " MiB");
    }
}
