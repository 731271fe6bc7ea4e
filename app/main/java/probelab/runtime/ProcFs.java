package probelab.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads process memory from Linux's /proc: the source every runtime can fall back to. */
public final class ProcFs {
    private ProcFs() {
    }

    /** A process counted as a runtime's own, with its RSS. */
    public record Proc(long pid, String name, long rssBytes) {
    }

    /**
     * What /proc/PID/status says about a process: enough to build trees and tell owners apart, and its resident memory
     * split by kind, read in the same read as the total ({@code rssParts} null where the kernel has no split).
     */
    public record ProcStatus(long pid, long ppid, int uid, String name, long rssBytes, List<Long> nsPids,
                             Runtime.RssParts rssParts) {
        public ProcStatus(long pid, long ppid, int uid, String name, long rssBytes, List<Long> nsPids) {
            this(pid, ppid, uid, name, rssBytes, nsPids, null);
        }

        /** True when the process is pid 1 of a pid namespace nested in ours (a container's main process). */
        public boolean isContainerInit() {
            return nsPids.size() > 1 && nsPids.get(nsPids.size() - 1) == 1L;
        }
    }

    /** The status of one process, or empty when it is gone (kernel threads have rss 0). */
    public static java.util.Optional<ProcStatus> status(long pid) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
        String name = "";
        long ppid = -1;
        int uid = -1;
        long rss = 0, anon = -1, file = -1, shmem = -1;
        List<Long> ns = new ArrayList<>();
        try {
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String key = line.substring(0, colon);
                String value = line.substring(colon + 1).trim();
                switch (key) {
                    case "Name" -> name = value;
                    case "PPid" -> ppid = Long.parseLong(value);
                    case "Uid" -> uid = Integer.parseInt(value.split("\\s+")[0]);
                    case "VmRSS" -> rss = Long.parseLong(value.split("\\s+")[0]) * 1024;
                    case "RssAnon" -> anon = Long.parseLong(value.split("\\s+")[0]) * 1024;
                    case "RssFile" -> file = Long.parseLong(value.split("\\s+")[0]) * 1024;
                    case "RssShmem" -> shmem = Long.parseLong(value.split("\\s+")[0]) * 1024;
                    case "NSpid" -> {
                        for (String n : value.split("\\s+")) ns.add(Long.parseLong(n));
                    }
                    default -> {
                    }
                }
            }
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
        Runtime.RssParts parts = anon < 0 || file < 0 || shmem < 0 ? null : new Runtime.RssParts(anon, file, shmem);
        return java.util.Optional.of(new ProcStatus(pid, ppid, uid, name, rss, List.copyOf(ns), parts));
    }

    /**
     * The value of environment variable {@code name} of every live process that has it, by pid (this user's processes,
     * and every one as root; others' environments are unreadable and left out).
     */
    public static java.util.Map<Long, String> withEnvironmentVariable(String name) {
        java.util.Map<Long, String> out = new java.util.LinkedHashMap<>();
        String prefix = name + "=";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : ds) {
                try {
                    String env = new String(Files.readAllBytes(p.resolve("environ")), java.nio.charset.StandardCharsets.UTF_8);
                    for (String kv : env.split("\0")) {
                        if (kv.startsWith(prefix)) out.put(Long.parseLong(p.getFileName().toString()), kv.substring(prefix.length()));
                    }
                } catch (IOException | SecurityException | NumberFormatException e) {
                    // gone meanwhile, or another user's: not ours
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** Every live process's status. */
    public static List<ProcStatus> all() {
        List<ProcStatus> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : ds) {
                status(Long.parseLong(p.getFileName().toString())).ifPresent(out::add);
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The kernel keeps 15 bytes of a process name (comm): "containerd-shim-runc-v2" is seen as "containerd-shim". */
    static String comm(String name) {
        return name.length() > 15 ? name.substring(0, 15) : name;
    }

    /**
     * Which processes are a runtime's own: owned by {@code uid} (any when negative), and either named in
     * {@code names} or inside the subtree of a process named in {@code trees}; never inside the subtree of a
     * process named in {@code excludedTrees} (another runtime of the same user).
     */
    public static List<Proc> selectOverhead(List<ProcStatus> procs, int uid, Set<String> names, Set<String> trees,
                                            Set<String> excludedTrees) {
        java.util.Map<Long, ProcStatus> byPid = new java.util.HashMap<>();
        for (ProcStatus p : procs) byPid.put(p.pid(), p);
        Set<String> nameSet = commSet(names), treeSet = commSet(trees), excludedSet = commSet(excludedTrees);
        List<Proc> out = new ArrayList<>();
        for (ProcStatus p : procs) {
            if (uid >= 0 && p.uid() != uid) continue;
            if (p.rssBytes() <= 0) continue; // kernel threads
            boolean inTree = treeSet.contains(p.name());
            boolean excluded = excludedSet.contains(p.name());
            ProcStatus up = byPid.get(p.ppid());
            for (int depth = 0; up != null && depth < 64; depth++) {
                if (treeSet.contains(up.name()) && (uid < 0 || up.uid() == uid)) inTree = true;
                if (excludedSet.contains(up.name())) excluded = true;
                up = byPid.get(up.ppid());
            }
            if (excluded) continue;
            if (inTree || nameSet.contains(p.name())) out.add(new Proc(p.pid(), p.name(), p.rssBytes()));
        }
        out.sort(java.util.Comparator.comparingLong(Proc::pid));
        return out;
    }

    private static Set<String> commSet(Set<String> names) {
        Set<String> out = new java.util.HashSet<>();
        for (String n : names) out.add(comm(n));
        return out;
    }

    /** Sums processes into an {@link Runtime.Overhead}, listing each as name[pid]=rss. */
    public static Runtime.Overhead overheadOf(List<Proc> procs) {
        long sum = procs.stream().mapToLong(Proc::rssBytes).sum();
        StringBuilder list = new StringBuilder();
        for (Proc p : procs) {
            if (list.length() > 0) list.append("; ");
            list.append(p.name()).append('[').append(p.pid()).append("]=").append(p.rssBytes());
        }
        return new Runtime.Overhead(sum, list.toString());
    }
}
