package probelab.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How busy the machine is while a job measures: the 1-minute load average and the share of CPU time the
 * hypervisor stole, from /proc. A busy or starved machine makes every runtime look slow, so each iteration
 * records it and the busy-machine diagnostic reads it.
 */
final class MachineLoad {
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path GOVERNOR = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor");

    private MachineLoad() {
    }

    /** The aggregate CPU counters of /proc/stat's first line: total and steal jiffies. */
    record CpuTimes(long totalJiffies, long stealJiffies) {
        /** Percent of the CPU time between {@code before} and this reading that was stolen; empty when no time passed. */
        Optional<Double> stealPctSince(CpuTimes before) {
            long total = totalJiffies - before.totalJiffies;
            return total <= 0 ? Optional.empty() : Optional.of(100.0 * (stealJiffies - before.stealJiffies) / total);
        }

        /** Jiffies stolen between {@code before} and this reading. */
        long stealSince(CpuTimes before) {
            return stealJiffies - before.stealJiffies;
        }
    }

    static Optional<CpuTimes> cpuTimes() {
        try {
            return Optional.of(parseStat(Files.readAllLines(STAT).get(0)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses {@code cpu user nice system idle iowait irq softirq steal guest guest_nice}; guest time is already in user. */
    static CpuTimes parseStat(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= Math.min(8, f.length - 1); i++) total += Long.parseLong(f[i]);
        return new CpuTimes(total, f.length > 8 ? Long.parseLong(f[8]) : 0);
    }

    static Optional<Double> loadAvg1m() {
        try {
            return Optional.of(Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** cpu0's scaling governor, when the machine exposes frequency scaling (VMs often do not). */
    static Optional<String> governor() {
        try {
            return Optional.of(Files.readString(GOVERNOR).strip()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
