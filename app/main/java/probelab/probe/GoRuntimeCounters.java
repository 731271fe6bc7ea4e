package probelab.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;

/**
 * The echo server's own Go runtime counters ({@code GET /debug/gc}): cumulative GC cycles and pause time, and the
 * GOMAXPROCS and memory limit the server runs with. Read before and after a load window, never inside it.
 */
record GoRuntimeCounters(long gcCycles, long gcPauseNanos, int gomaxprocs, int numCpu, long memoryLimitBytes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static GoRuntimeCounters read(InetSocketAddress server) throws IOException {
        URL url = new URL("http", server.getHostString(), server.getPort(), "/debug/gc");
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        try (InputStream in = c.getInputStream()) {
            if (c.getResponseCode() != 200) throw new IOException("/debug/gc answered HTTP " + c.getResponseCode());
            JsonNode n = JSON.readTree(in);
            if (!n.has("numGc")) throw new IOException("/debug/gc has no numGc: the server is an older echo build");
            return new GoRuntimeCounters(n.path("numGc").asLong(), n.path("pauseTotalNs").asLong(),
                    n.path("gomaxprocs").asInt(), n.path("numCpu").asInt(), n.path("memoryLimitBytes").asLong());
        } finally {
            c.disconnect();
        }
    }

    /** "GOMAXPROCS 2 of 2 CPUs, GOMEMLIMIT 60397977 bytes" for the provenance of a window's figures. */
    String settings() {
        return "GOMAXPROCS " + gomaxprocs + " of " + numCpu + " CPUs, GOMEMLIMIT "
                + (memoryLimitBytes == Long.MAX_VALUE ? "off" : memoryLimitBytes + " bytes");
    }
}
