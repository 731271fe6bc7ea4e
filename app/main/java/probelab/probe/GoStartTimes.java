package probelab.probe;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The echo server's own start ({@code GET /debug/start}, read after the first answer, never inside the interval): when
 * main began and the listener opened, on the host's wall clock (a container shares it), and how long Go initialised
 * before main.
 */
record GoStartTimes(long mainEpochNanos, long goInitNanos, long listenEpochNanos) {
    static GoStartTimes read(InetSocketAddress server) throws IOException {
        JsonNode n = EchoDebug.read(server, "/debug/start", "mainUnixNanos");
        return new GoStartTimes(n.path("mainUnixNanos").asLong(), n.path("goInitNanos").asLong(), n.path("listenUnixNanos").asLong());
    }

    /**
     * The cold start's four parts in milliseconds (catalog order: until_go, go_init, go_listen, to_answer), given the
     * wall-clock times of the start command and of the first answer. They add up to the whole by construction; a
     * negative part means the server's clock is not this host's (a VM) or Go gave no init time, and then the split
     * cannot be made: {@link SplitUnavailable} says why.
     */
    Map<String, Double> split(long issuedEpochNanos, long readyEpochNanos) throws SplitUnavailable {
        if (goInitNanos < 0) throw new SplitUnavailable("the server's Go runtime gave no monotonic clock reading at main");
        long goStart = mainEpochNanos - goInitNanos;
        long[] bounds = {issuedEpochNanos, goStart, mainEpochNanos, listenEpochNanos, readyEpochNanos};
        String[] names = {probelab.catalog.Metric.UNTIL_GO, probelab.catalog.Metric.GO_INIT,
                probelab.catalog.Metric.GO_LISTEN, probelab.catalog.Metric.TO_ANSWER};
        Map<String, Double> parts = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            long part = bounds[i + 1] - bounds[i];
            if (part < 0) {
                throw new SplitUnavailable(String.format(java.util.Locale.ROOT, "the server's clock does not fit between the "
                        + "start command and the first answer (%s would be %.3f ms): its clock is not this host's", names[i], part / 1e6));
            }
            parts.put(names[i], part / 1e6);
        }
        return parts;
    }

    /** The server's times do not fit this host's: the reason is the failed sample's. */
    static final class SplitUnavailable extends Exception {
        SplitUnavailable(String why) {
            super(why);
        }
    }
}
