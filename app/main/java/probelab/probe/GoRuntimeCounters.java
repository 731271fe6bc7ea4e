package probelab.probe;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The echo server's own Go runtime counters ({@code GET /debug/gc}): cumulative GC cycles and pause time, and the
 * GOMAXPROCS and memory limit the server runs with. Read before and after a load window, never inside it.
 */
record GoRuntimeCounters(long gcCycles, long gcPauseNanos, int gomaxprocs, int numCpu, long memoryLimitBytes) {
    static GoRuntimeCounters read(InetSocketAddress server) throws IOException {
        JsonNode n = EchoDebug.read(server, "/debug/gc", "numGc");
        return new GoRuntimeCounters(n.path("numGc").asLong(), n.path("pauseTotalNs").asLong(),
                n.path("gomaxprocs").asInt(), n.path("numCpu").asInt(), n.path("memoryLimitBytes").asLong());
    }

    /** "GOMAXPROCS 2 of 2 CPUs, GOMEMLIMIT 60397977 bytes" for the provenance of a window's figures. */
    String settings() {
        return "GOMAXPROCS " + gomaxprocs + " of " + numCpu + " CPUs, GOMEMLIMIT "
                + (memoryLimitBytes == Long.MAX_VALUE ? "off" : memoryLimitBytes + " bytes");
    }
}
