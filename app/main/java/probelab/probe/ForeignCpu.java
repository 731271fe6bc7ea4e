package probelab.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CPU time that went to processes outside a job while it measured: neither this process's descendants (servers,
 * builds, load generators, the SQL workers and browsers of a test) nor the engines' processes and what runs below them
 * (containers). The load average counts the job's own work, so it rose on every run; this counts only the competition.
 * A lower bound: a process alive at both ends of an interval counts what it used in between, one that started inside
 * counts whole, one that ended inside is missed, and so are reaped children's times (a parent's cutime would count a
 * child's whole life at its end, long before the interval started for a compiler that ran a minute).
 */
final class ForeignCpu {
    private static final Path PROC = Path.of("/proc");
    private static final long KTHREADD = 2;

    /** What the job calls its own: this JVM's pid and the names of the runtimes' processes (15-byte comm). */
    record Owners(long selfPid, Set<String> ownNames) {
        Owners {
            Set<String> comms = new HashSet<>();
            for (String n : ownNames) comms.add(n.length() > 15 ? n.substring(0, 15) : n);
            ownNames = Set.copyOf(comms);
        }
    }

    /** One foreign process's CPU time so far, in clock ticks. */
    record Proc(String name, long ticks) {
    }

    /** The machine's CPU counters (all CPUs, /proc/stat) and every foreign process's own ticks, at one moment. */
    record Snapshot(MachineLoad.CpuTimes cpu, Map<Long, Proc> foreign) {
    }

    /** The share of the machine's CPU time foreign processes used between two snapshots, and which used most. */
    record Share(long foreignTicks, long totalTicks, String busiest) {
        double pct() {
            return totalTicks <= 0 ? 0 : 100.0 * foreignTicks / totalTicks;
        }
    }

    private ForeignCpu() {
    }

    static Optional<Snapshot> take(Owners owners) {
        Optional<MachineLoad.CpuTimes> cpu = MachineLoad.cpuTimes();
        if (cpu.isEmpty()) return Optional.empty();
        Map<Long, Stat> all = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path p : ds) {
                try {
                    Stat s = parseStat(Files.readString(p.resolve("stat")));
                    all.put(s.pid, s);
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(cpu.get(), foreign(all, owners)));
    }

    /** Foreign processes' ticks since {@code before} (a process new since then counts whole). */
    static Share since(Snapshot before, Snapshot after) {
        long foreign = 0;
        String busiest = null;
        long most = 0;
        for (var e : after.foreign().entrySet()) {
            Proc was = before.foreign().get(e.getKey());
            long used = e.getValue().ticks() - (was == null || !was.name().equals(e.getValue().name()) ? 0 : was.ticks());
            if (used <= 0) continue;
            foreign += used;
            if (used > most) {
                most = used;
                busiest = e.getValue().name() + "[" + e.getKey() + "]";
            }
        }
        return new Share(foreign, after.cpu().totalJiffies() - before.cpu().totalJiffies(), busiest);
    }

    record Stat(long pid, String name, long ppid, long ownTicks) {
    }

    /** {@code pid (comm) state ppid ...}: utime and stime are fields 14 and 15; comm may hold spaces and ')'. */
    static Stat parseStat(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        String[] f = line.substring(close + 2).trim().split("\\s+");
        return new Stat(Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close), Long.parseLong(f[1]),
                Long.parseLong(f[11]) + Long.parseLong(f[12]));
    }

    static Map<Long, Proc> foreign(Map<Long, Stat> all, Owners owners) {
        Map<Long, Proc> out = new HashMap<>();
        for (Stat s : all.values()) {
            if (s.pid == KTHREADD || s.ppid == KTHREADD) continue; // the kernel's threads work for whoever asks
            if (owned(s, all, owners)) continue;
            out.put(s.pid, new Proc(s.name, s.ownTicks));
        }
        return out;
    }

    private static boolean owned(Stat s, Map<Long, Stat> all, Owners owners) {
        Stat up = s;
        for (int depth = 0; up != null && depth < 128; depth++) {
            if (up.pid == owners.selfPid() || owners.ownNames().contains(up.name)) return true;
            if (up.ppid <= 0 || up.ppid == up.pid) return false;
            up = all.get(up.ppid);
        }
        return false;
    }
}
