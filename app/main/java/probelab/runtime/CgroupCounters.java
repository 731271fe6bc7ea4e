package probelab.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A process's cgroup counters as the kernel keeps them: CFS periods and throttling ({@code cpu.stat}) and OOM kills
 * ({@code memory.events} on cgroup v2, {@code memory.oom_control} on v1). Read from this host's /sys/fs/cgroup, so
 * nothing runs inside the container and no engine call sits between two readings.
 *
 * @param periods         CFS enforcement periods so far (0 when the cgroup has no CPU quota)
 * @param throttled       periods in which the cgroup was throttled
 * @param throttledNanos  total time throttled
 * @param oomKills        processes the OOM killer killed in the cgroup (null when the kernel does not count them)
 * @param memoryLimitBytes the cgroup's memory limit (null: none, or not readable), to tell an enforced limit from one
 *                        an engine accepted and dropped (rootless engines on cgroup v1)
 * @param source          the files read, for the sample's provenance
 */
public record CgroupCounters(long periods, long throttled, long throttledNanos, Long oomKills, Long memoryLimitBytes,
                             String source) {
    /** Above this a cgroup v1 memory limit means "no limit" (the kernel's default is near Long.MAX_VALUE). */
    private static final long UNLIMITED_V1 = 1L << 60;

    static final Path ROOT = Path.of("/sys/fs/cgroup");

    /** The counters of {@code pid}'s cgroup, or empty when its cgroup files cannot be read here. */
    public static Optional<CgroupCounters> of(long pid) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"));
        } catch (IOException e) {
            return Optional.empty();
        }
        Path cpuDir = null, memDir = null;
        for (String line : lines) {
            // "0::/path" (v2) or "4:cpu,cpuacct:/docker/ID" (v1)
            String[] f = line.split(":", 3);
            if (f.length < 3) continue;
            String rel = f[2].startsWith("/") ? f[2].substring(1) : f[2];
            if (f[1].isEmpty() && f[0].equals("0")) {
                cpuDir = cpuDir == null ? ROOT.resolve(rel) : cpuDir;
                memDir = memDir == null ? ROOT.resolve(rel) : memDir;
            }
            for (String controller : f[1].split(",")) {
                if (controller.equals("cpu")) cpuDir = ROOT.resolve(f[1]).resolve(rel);
                if (controller.equals("memory")) memDir = ROOT.resolve(f[1]).resolve(rel);
            }
        }
        if (cpuDir == null) return Optional.empty();
        try {
            long periods = 0, throttled = 0, throttledNanos = 0;
            for (String line : Files.readAllLines(cpuDir.resolve("cpu.stat"))) {
                String[] kv = line.trim().split("\\s+");
                if (kv.length != 2) continue;
                long v = Long.parseLong(kv[1]);
                switch (kv[0]) {
                    case "nr_periods" -> periods = v;
                    case "nr_throttled" -> throttled = v;
                    case "throttled_time" -> throttledNanos = v;          // v1: nanoseconds
                    case "throttled_usec" -> throttledNanos = v * 1000;   // v2: microseconds
                    default -> { }
                }
            }
            Long oom = null;
            Long limit = null;
            String memSource = "";
            if (memDir != null) {
                for (String file : List.of("memory.max", "memory.limit_in_bytes")) {
                    Path p = memDir.resolve(file);
                    if (!Files.isReadable(p)) continue;
                    String v = Files.readString(p).strip();
                    if (!v.equals("max") && !v.isEmpty() && Long.parseLong(v) < UNLIMITED_V1) limit = Long.parseLong(v);
                    break;
                }
                for (String file : List.of("memory.events", "memory.oom_control")) {
                    Path p = memDir.resolve(file);
                    if (!Files.isReadable(p)) continue;
                    for (String line : Files.readAllLines(p)) {
                        String[] kv = line.trim().split("\\s+");
                        if (kv.length == 2 && kv[0].equals("oom_kill")) oom = Long.parseLong(kv[1]);
                    }
                    memSource = ", " + p;
                    break;
                }
            }
            return Optional.of(new CgroupCounters(periods, throttled, throttledNanos, oom, limit, cpuDir.resolve("cpu.stat") + memSource));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
