package probelab.probe;

import org.HdrHistogram.Histogram;
import probelab.catalog.HistogramCodec;
import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.process.LoopbackPorts;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The server families of one iteration: starts the echo server in the cell's runtime, times it to the first
 * HTTP 200 (cold start), loads it (RTT) and reads its memory, then stops it.
 */
final class ServerProbe {
    private static final long READY_TIMEOUT_MILLIS = 30_000;

    /** The families this probe measures; a job's build family is {@link BuildProbe}'s. */
    static boolean measures(MetricFamily f) {
        return f.startsServer();
    }

    void measure(Cell cell, List<MetricFamily> families, long rttDurationMillis, Recorder rec) {
        List<MetricFamily> fams = families.stream().filter(ServerProbe::measures).toList();
        if (fams.isEmpty()) return;
        if (cell.unusable != null) {
            failAll(fams, rec, cell.unusable);
            return;
        }
        int port;
        try {
            port = LoopbackPorts.free();
        } catch (IOException e) {
            failAll(fams, rec, "no free port: " + e.getMessage());
            return;
        }
        Runtime.Server server;
        try {
            server = cell.runtime.startServer(cell.toolchain, cell.serverBinary, port, cell.jobId);
        } catch (RuntimeFailure e) {
            failAll(fams, rec, "cannot start server: " + e.getMessage());
            return;
        }
        try (server) {
            long ready;
            try {
                ready = Readiness.awaitHttp200(port, READY_TIMEOUT_MILLIS, server::alive);
            } catch (Readiness.NotReady e) {
                failAll(fams, rec, e.getMessage());
                return;
            }
            if (fams.contains(MetricFamily.COLD_START)) {
                // the interval is the runtime's: it starts right before its one start command (after the engine's
                // event stream is subscribed), so nothing of probelab's own preparation is in it
                rec.ok(Metric.COLD_START_MS, "", (ready - server.issuedAtNanos()) / 1e6,
                        "one `" + server.startCommand() + "` to first HTTP 200");
                Map<String, Double> phases = server.startPhasesMillis(ready);
                for (Map.Entry<String, Double> phase : phases.entrySet()) {
                    rec.ok(Metric.COLD_START_PHASE_MS, phase.getKey(), phase.getValue(), "engine event times");
                }
                if (phases.isEmpty() && cell.runtime instanceof probelab.runtime.NativeRuntime
                        && cell.firstNotApplicable(Metric.COLD_START_PHASE_MS)) {
                    rec.notApplicable(Metric.COLD_START_PHASE_MS, "a native process start has no engine and no engine events");
                }
            }
            if (fams.contains(MetricFamily.RTT)) measureRtt(URI.create("http://127.0.0.1:" + port + "/"), rttDurationMillis, rec);
            if (fams.contains(MetricFamily.MEMORY)) measureMemory(cell, server, rec);
        }
    }

    /** One closed-loop RTT iteration against {@code target}; also what a {@code --target} job measures. */
    static void measureRtt(URI target, long durationMillis, Recorder rec) {
        HttpClosedLoop.Outcome out;
        try {
            out = HttpClosedLoop.run(target, durationMillis);
        } catch (IOException | RuntimeException e) {
            rec.failFamily(MetricFamily.RTT, "RTT load failed: " + e.getMessage());
            return;
        }
        Histogram h = out.latencyNanos();
        String detail = "closed loop, 1 connection, keep-alive, " + out.requests() + " requests";
        rec.ok(Metric.RTT_P50_US, "", h.getValueAtPercentile(50) / 1e3, detail);
        rec.ok(Metric.RTT_P90_US, "", h.getValueAtPercentile(90) / 1e3, detail);
        rec.ok(Metric.RTT_P99_US, "", h.getValueAtPercentile(99) / 1e3, detail);
        rec.ok(Metric.RTT_P999_US, "", h.getValueAtPercentile(99.9) / 1e3, detail);
        rec.ok(Metric.THROUGHPUT_RPS, "", out.throughputRps(), detail);
        if (rec.stored()) rec.addHistogram(HistogramCodec.encode(h), out.requests(), out.elapsedNanos() / 1000);
    }

    private static void measureMemory(Cell cell, Runtime.Server server, Recorder rec) {
        try {
            Runtime.MemoryReading m = server.memory();
            rec.ok(Metric.SERVER_RSS_BYTES, "", m.rssBytes(), m.source());
            if (m.containerBytes() != null) {
                rec.ok(Metric.CONTAINER_MEMORY_BYTES, "", m.containerBytes(), m.containerSource());
            } else if (cell.runtime instanceof probelab.runtime.NativeRuntime && cell.firstNotApplicable(Metric.CONTAINER_MEMORY_BYTES)) {
                rec.notApplicable(Metric.CONTAINER_MEMORY_BYTES, "a native process runs in no container of its own");
            }
        } catch (RuntimeFailure e) {
            rec.failed(Metric.SERVER_RSS_BYTES, "", e.getMessage());
        }
        Runtime.Overhead o = cell.runtime.overhead();
        rec.ok(Metric.RUNTIME_OVERHEAD_BYTES, "", o.rssBytes(), o.processList());
    }

    private static void failAll(List<MetricFamily> fams, Recorder rec, String why) {
        for (MetricFamily f : fams) rec.failFamily(f, why);
    }
}
