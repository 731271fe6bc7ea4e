package probelab.probe;

import org.HdrHistogram.Histogram;
import probelab.catalog.HistogramCodec;
import probelab.catalog.Metric;
import probelab.catalog.MetricFamily;
import probelab.catalog.Scenario;
import probelab.process.LoopbackPorts;
import probelab.runtime.CgroupCounters;
import probelab.runtime.Runtime;
import probelab.runtime.RuntimeFailure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server families of one iteration: starts the echo server in the cell's runtime and scenario, times it to the
 * first HTTP 200 (cold start), puts the scenario's load on it (RTT, and what the load and limits did: GC, CPU
 * throttling, OOM kills) and reads its memory, then stops it. A scenario the runtime can never run is marked not
 * applicable once per run, with the runtime's reason.
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
        if (cell.notApplicable != null) return; // marked once when the cell was prepared
        int port;
        try {
            port = LoopbackPorts.free();
        } catch (IOException e) {
            failAll(fams, rec, "no free port: " + e.getMessage());
            return;
        }
        Runtime.Server server;
        try {
            server = cell.runtime.startServer(cell.toolchain, cell.serverBinary, port, cell.jobId, cell.scenario);
        } catch (RuntimeFailure e) {
            failAll(fams, rec, "cannot start server: " + e.getMessage());
            return;
        }
        try (server) {
            InetSocketAddress address = server.address(port);
            long ready;
            try {
                ready = Readiness.awaitHttp200(address.getHostString(), address.getPort(), READY_TIMEOUT_MILLIS, server::alive);
            } catch (Readiness.NotReady e) {
                failAll(fams, rec, e.getMessage());
                return;
            }
            if (fams.contains(MetricFamily.COLD_START)) recordColdStart(cell, server, address, ready, rec);
            if (fams.contains(MetricFamily.MEMORY)) {
                // after the cold start's interval ended; then the same work in every runtime before the read, at once:
                // a fixed time of load would be more requests on a faster runtime, and the heap grows with them
                server.locateProcess();
                URI root = URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
                try {
                    HttpClosedLoop.Outcome work = HttpClosedLoop.requests(root, MEMORY_WORK_REQUESTS, MEMORY_WORK_MAX_MILLIS);
                    if (work.requests() < MEMORY_WORK_REQUESTS) {
                        rec.failFamily(MetricFamily.MEMORY, "only " + work.requests() + " of the " + MEMORY_WORK_REQUESTS
                                + " requests before the memory read were answered within " + MEMORY_WORK_MAX_MILLIS + " ms");
                    } else {
                        measureMemory(cell, server, rec);
                    }
                } catch (IOException e) {
                    rec.failFamily(MetricFamily.MEMORY, "the requests before the memory read failed: " + e.getMessage());
                }
            }
            if (fams.contains(MetricFamily.RTT) || fams.contains(MetricFamily.LIMITS)) {
                measureLoad(cell, server, address, rttDurationMillis, fams, rec);
            }
        }
    }

    private static void recordColdStart(Cell cell, Runtime.Server server, InetSocketAddress address, long ready, Recorder rec) {
        if (cell.scenario.network() == Scenario.Network.BRIDGE_DIRECT) {
            // the container's address is asked of the engine after the start was issued: that call would sit inside
            // the interval, so this scenario has no cold start of its own (the default scenario has the same start)
            rec.notApplicable(cell.firstNotApplicable(MetricFamily.COLD_START.metrics()), "the container's address is read "
                    + "from the engine after the start, inside the interval: the start is timed in the default scenario");
            return;
        }
        // the interval is the runtime's: it starts right before its one start command (after the engine's
        // event stream is subscribed), so nothing of probelab's own preparation is in it
        rec.ok(Metric.COLD_START_MS, "", (ready - server.issuedAtNanos()) / 1e6,
                "one `" + server.startCommand() + "` to first HTTP 200");
        Map<String, Double> phases = server.startPhasesMillis(ready);
        for (Map.Entry<String, Double> phase : phases.entrySet()) {
            rec.ok(Metric.COLD_START_PHASE_MS, phase.getKey(), phase.getValue(), "engine event times");
        }
        if (phases.isEmpty() && cell.runtime instanceof probelab.runtime.NativeRuntime) {
            markNotApplicable(cell, rec, Metric.COLD_START_PHASE_MS, "a native process start has no engine and no engine events");
        }
        recordSplit(server, address, ready, rec);
    }

    /**
     * The same interval split by the server's own clock: until Go runs, Go's init, main to listening, listening to the
     * first answer. The wall clock's offset from {@link System#nanoTime()} is taken now, after the interval.
     */
    private static void recordSplit(Runtime.Server server, InetSocketAddress address, long ready, Recorder rec) {
        Instant now = Instant.now();
        long offset = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
        try {
            Map<String, Double> split = GoStartTimes.read(address).split(server.issuedAtNanos() + offset, ready + offset);
            split.forEach((variant, ms) -> rec.ok(Metric.COLD_START_SPLIT_MS, variant, ms, "the server's own clock (GET /debug/start)"));
        } catch (IOException | GoStartTimes.SplitUnavailable e) {
            for (String variant : Metric.COLD_START_SPLIT_MS.phases()) {
                rec.failed(Metric.COLD_START_SPLIT_MS, variant, "cannot split the start: " + e.getMessage());
            }
        }
    }

    /**
     * The scenario's load on the server for one window, and what it did to the server: its Go runtime's GC counters
     * and its cgroup's CPU throttling and OOM kills, each read just before and just after the window (never inside).
     */
    private static void measureLoad(Cell cell, Runtime.Server server, InetSocketAddress address, long durationMillis,
                                    List<MetricFamily> fams, Recorder rec) {
        Scenario.Load load = cell.scenario.load();
        URI target = URI.create("http://" + address.getHostString() + ":" + address.getPort() + load.endpoint().path);
        boolean limits = fams.contains(MetricFamily.LIMITS);
        String calibration = "";
        double rate = 0;
        if (load.openLoop()) {
            // the open loop's rate is a fraction of what a closed loop at the same concurrency gets right now
            try {
                HttpClosedLoop.Outcome max = HttpLoad.closed(target, load.connections(), durationMillis);
                rate = max.throughputRps() * load.openLoopFraction();
                calibration = String.format(Locale.ROOT, ", %.0f req/s = %.0f%% of the closed-loop %.0f req/s measured just before",
                        rate, load.openLoopFraction() * 100, max.throughputRps());
            } catch (IOException | RuntimeException e) {
                failLoad(fams, rec, "load failed while finding the closed-loop maximum: " + e.getMessage());
                return;
            }
        }
        GoRuntimeCounters goBefore = null;
        String goUnread = null;
        if (limits) {
            try {
                goBefore = GoRuntimeCounters.read(address);
            } catch (IOException e) {
                goUnread = "cannot read the server's GC counters: " + e.getMessage();
            }
        }
        // the cgroup is read only under a limit: without one its counters are not applicable, and finding it costs a
        // CLI call to the engine per iteration
        boolean cgroupRead = limits && cell.scenario.limits().any();
        Optional<CgroupCounters> cgBefore = cgroupRead ? server.cgroup() : Optional.empty();
        HttpClosedLoop.Outcome out = null;
        String loadFailure = null;
        try {
            out = load.openLoop() ? HttpLoad.open(target, load.connections(), rate, durationMillis)
                    : HttpLoad.closed(target, load.connections(), durationMillis);
        } catch (IOException | RuntimeException e) {
            loadFailure = "RTT load failed: " + e.getMessage();
        }
        Optional<CgroupCounters> cgAfter = cgroupRead ? server.cgroup() : Optional.empty();
        String design = (load.openLoop() ? "open loop, " : "closed loop, ") + load.connections()
                + (load.connections() == 1 ? " connection" : " connections") + ", keep-alive, GET " + load.endpoint().path + calibration;
        if (fams.contains(MetricFamily.RTT)) {
            if (out == null) rec.failFamily(MetricFamily.RTT, loadFailure);
            else recordRtt(out, design, rec);
        }
        if (!limits) return;
        recordGc(address, goBefore, goUnread, out == null ? loadFailure : null, rec);
        recordCgroup(cell, cgBefore, cgAfter, rec);
    }

    private static void recordGc(InetSocketAddress address, GoRuntimeCounters before, String unread,
                                 String loadFailure, Recorder rec) {
        if (unread == null && loadFailure == null) {
            try {
                GoRuntimeCounters after = GoRuntimeCounters.read(address);
                String detail = "the server's runtime.MemStats before and after the window; " + after.settings();
                rec.ok(Metric.GC_CYCLES, "", after.gcCycles() - before.gcCycles(), detail);
                rec.ok(Metric.GC_PAUSE_MS, "", (after.gcPauseNanos() - before.gcPauseNanos()) / 1e6, detail);
                return;
            } catch (IOException e) {
                unread = "cannot read the server's GC counters after the window (did it die?): " + e.getMessage();
            }
        }
        String why = unread != null ? unread : loadFailure;
        rec.failed(Metric.GC_CYCLES, "", why);
        rec.failed(Metric.GC_PAUSE_MS, "", why);
    }

    private static void recordCgroup(Cell cell, Optional<CgroupCounters> before, Optional<CgroupCounters> after, Recorder rec) {
        Scenario.Limits limits = cell.scenario.limits();
        if (limits.cpus() == null) {
            markNotApplicable(cell, rec, Metric.CPU_THROTTLED_PCT, "scenario " + cell.scenario.id() + " sets no CPU quota");
        } else if (before.isEmpty() || after.isEmpty()) {
            rec.failed(Metric.CPU_THROTTLED_PCT, "", "the container's cgroup (cpu.stat) is not readable from this host");
        } else {
            long periods = after.get().periods() - before.get().periods();
            long throttled = after.get().throttled() - before.get().throttled();
            if (periods <= 0) {
                rec.failed(Metric.CPU_THROTTLED_PCT, "", "no CFS period passed in the window: the quota is not enforced ("
                        + after.get().source() + ")");
            } else {
                rec.ok(Metric.CPU_THROTTLED_PCT, "", 100.0 * throttled / periods, String.format(Locale.ROOT,
                        "%d of %d CFS periods throttled, %.1f ms throttled in all; %s", throttled, periods,
                        (after.get().throttledNanos() - before.get().throttledNanos()) / 1e6, after.get().source()));
            }
        }
        if (limits.memoryBytes() == null) {
            markNotApplicable(cell, rec, Metric.OOM_KILLS, "scenario " + cell.scenario.id() + " sets no memory limit");
        } else if (before.isEmpty() || after.isEmpty() || before.get().oomKills() == null || after.get().oomKills() == null) {
            rec.failed(Metric.OOM_KILLS, "", before.isEmpty() || after.isEmpty()
                    ? "the container's cgroup is not readable from this host (a killed server has no cgroup left to read)"
                    : "this kernel's memory cgroup does not count OOM kills");
        } else if (after.get().memoryLimitBytes() == null || after.get().memoryLimitBytes() > limits.memoryBytes() * 101 / 100) {
            // the engine accepted --memory but the server's cgroup has no such limit (rootless on cgroup v1): no OOM
            // kill could be the limit's, so the count would mislead
            rec.failed(Metric.OOM_KILLS, "", "the memory limit is not enforced: the server's cgroup limit is "
                    + (after.get().memoryLimitBytes() == null ? "none" : after.get().memoryLimitBytes() + " bytes") + " ("
                    + after.get().source() + ")");
        } else {
            rec.ok(Metric.OOM_KILLS, "", after.get().oomKills() - before.get().oomKills(), after.get().source()
                    + ", limit " + after.get().memoryLimitBytes() + " bytes");
        }
    }

    private static void markNotApplicable(Cell cell, Recorder rec, Metric m, String reason) {
        if (cell.firstNotApplicable(m)) rec.notApplicable(m, reason);
    }

    private static void failLoad(List<MetricFamily> fams, Recorder rec, String why) {
        if (fams.contains(MetricFamily.RTT)) rec.failFamily(MetricFamily.RTT, why);
        if (fams.contains(MetricFamily.LIMITS)) {
            for (Metric m : List.of(Metric.GC_CYCLES, Metric.GC_PAUSE_MS)) rec.failed(m, "", why);
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
        recordRtt(out, "closed loop, 1 connection, keep-alive, " + out.requests() + " requests", rec);
    }

    private static void recordRtt(HttpClosedLoop.Outcome out, String design, Recorder rec) {
        Histogram h = out.latencyNanos();
        String detail = design + (design.contains(" requests") ? "" : ", " + out.requests() + " requests");
        rec.ok(Metric.RTT_P50_US, "", h.getValueAtPercentile(50) / 1e3, detail);
        rec.ok(Metric.RTT_P90_US, "", h.getValueAtPercentile(90) / 1e3, detail);
        rec.ok(Metric.RTT_P99_US, "", h.getValueAtPercentile(99) / 1e3, detail);
        rec.ok(Metric.RTT_P999_US, "", h.getValueAtPercentile(99.9) / 1e3, detail);
        rec.ok(Metric.THROUGHPUT_RPS, "", out.throughputRps(), detail);
        if (rec.stored()) rec.addHistogram(HistogramCodec.encode(h), out.requests(), out.elapsedNanos() / 1000);
    }

    /**
     * Requests on one keep-alive connection before the server's memory is read: its heap grows with the requests it
     * served (the echo server's anonymous memory: 2.1 MiB after 500, 4.8-5.4 after 1,500, 5.8-5.9 after 3,000), so
     * every runtime serves the same number; 2,000 take 0.3 s natively and under a second through rootless port forwarding.
     */
    static final int MEMORY_WORK_REQUESTS = 2_000;
    private static final long MEMORY_WORK_MAX_MILLIS = 60_000;

    private static final List<Metric> RSS_PARTS = List.of(Metric.SERVER_RSS_ANON_BYTES, Metric.SERVER_RSS_FILE_BYTES,
            Metric.SERVER_RSS_SHMEM_BYTES);

    private static void measureMemory(Cell cell, Runtime.Server server, Recorder rec) {
        try {
            Runtime.MemoryReading m = server.memory();
            rec.ok(Metric.SERVER_RSS_BYTES, "", m.rssBytes(), m.source() + ", after " + MEMORY_WORK_REQUESTS + " requests");
            if (m.rssParts() != null) {
                String same = "the same read: " + m.source().replace("VmRSS", "RssAnon, RssFile, RssShmem");
                rec.ok(Metric.SERVER_RSS_ANON_BYTES, "", m.rssParts().anonBytes(), same);
                rec.ok(Metric.SERVER_RSS_FILE_BYTES, "", m.rssParts().fileBytes(), same);
                rec.ok(Metric.SERVER_RSS_SHMEM_BYTES, "", m.rssParts().shmemBytes(), same);
            } else {
                // an engine in a VM: its server's process is not on this host, so its memory has no split by kind here
                for (Metric part : RSS_PARTS) {
                    markNotApplicable(cell, rec, part, "the memory figure is not from this host's /proc: " + m.source());
                }
            }
            if (m.containerBytes() != null) {
                rec.ok(Metric.CONTAINER_MEMORY_BYTES, "", m.containerBytes(), m.containerSource());
            } else if (cell.runtime instanceof probelab.runtime.NativeRuntime) {
                markNotApplicable(cell, rec, Metric.CONTAINER_MEMORY_BYTES, "a native process runs in no container of its own");
            }
        } catch (RuntimeFailure e) {
            rec.failed(Metric.SERVER_RSS_BYTES, "", e.getMessage());
            for (Metric part : RSS_PARTS) rec.failed(part, "", e.getMessage());
        }
        Runtime.Overhead o = cell.runtime.overhead();
        rec.ok(Metric.RUNTIME_OVERHEAD_BYTES, "", o.rssBytes(), o.processList());
    }

    private static void failAll(List<MetricFamily> fams, Recorder rec, String why) {
        for (MetricFamily f : fams) rec.failFamily(f, why);
    }
}
