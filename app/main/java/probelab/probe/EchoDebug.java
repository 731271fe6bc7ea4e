package probelab.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;

/** Reads one of the echo server's own /debug endpoints (its GC counters, its start), outside any measured interval. */
final class EchoDebug {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EchoDebug() {
    }

    /** The JSON {@code path} answers; {@code field} must be in it, or the server is an older echo build. */
    static JsonNode read(InetSocketAddress server, String path, String field) throws IOException {
        URL url = new URL("http", server.getHostString(), server.getPort(), path);
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        try (InputStream in = c.getInputStream()) {
            if (c.getResponseCode() != 200) throw new IOException(path + " answered HTTP " + c.getResponseCode());
            JsonNode n = JSON.readTree(in);
            if (!n.has(field)) throw new IOException(path + " has no " + field + ": the server is an older echo build");
            return n;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(path + " is not JSON: " + e.getOriginalMessage(), e);
        } finally {
            c.disconnect();
        }
    }
}
