package probelab.runtime;

import probelab.process.Exec;
import probelab.runtime.OciRuntimeSpec.MemorySource;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a server container's memory: /proc where its pid is verifiably on this host, and the engine's stats. */
final class OciContainerMemory {
    /** The comm of the echo server, which is the container's only process. */
    private static final String SERVER_PROCESS_NAME = "echo";
    private static final Pattern MEM = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([KMGTP]?i?B|[kmgtp]B?)\\b",
            Pattern.CASE_INSENSITIVE);

    private final OciCli cli;
    private volatile String statsUnsupportedReason; // null: the engine's stats has a memory figure

    OciContainerMemory(OciCli cli) {
        this.cli = cli;
    }

    /**
     * Asks the engine whether {@code stats} gives a memory figure here, once per prepare: engines without cgroups
     * (rootless on cgroup v1) do not, and each reading then says why instead of calling stats in vain.
     */
    void detectStatsSupport() throws RuntimeFailure {
        statsUnsupportedReason = switch (cli.spec().engine()) {
            case DOCKER -> {
                Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, "info", "--format", "{{.CgroupDriver}}");
                if (r.ok() && r.stdout().strip().equals("none")) {
                    yield "engine runs without cgroups, so stats has no memory figure";
                }
                yield r.ok() ? null : "cannot ask the engine about cgroups: " + r.reason();
            }
            case PODMAN -> {
                Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, "info", "--format", "{{.Host.CgroupControllers}}");
                if (r.ok() && !r.stdout().contains("memory")) {
                    yield "engine has no memory cgroup controller (rootless on cgroup v1), so stats is unsupported";
                }
                yield r.ok() ? null : "cannot ask the engine about cgroups: " + r.reason();
            }
            case NERDCTL -> null;
        };
    }

    /**
     * The container's memory now, from the sources its spec's {@link MemorySource} allows: this host's /proc first,
     * at once ({@code pid}, found when the server became ready; looked up here when not positive), then the engine's
     * stats, which take a second or more: read the other way round, the server would idle that long more than a native
     * one before its figure, while Go's scavenger hands memory back.
     */
    Runtime.MemoryReading read(String containerId, long pid) throws RuntimeFailure {
        OciRuntimeSpec spec = cli.spec();
        Optional<ProcFs.ProcStatus> proc = Optional.empty();
        if (spec.memorySource() != MemorySource.STATS) {
            proc = pid > 0 ? ProcFs.status(pid).filter(OciContainerMemory::isServer) : containerProcess(containerId);
        }
        Long containerBytes = null;
        String containerSource = null;
        String noStats = statsUnsupportedReason;
        if (noStats == null) {
            OptionalLong stats = statsBytes(containerId);
            if (stats.isPresent()) {
                containerBytes = stats.getAsLong();
                containerSource = spec.cli() + " stats --no-stream MemUsage";
            } else {
                noStats = spec.cli() + " stats gave no memory figure";
            }
        }
        String statsNote = noStats == null ? "" : "; no container figure: " + noStats;
        if (proc.isPresent()) {
            ProcFs.ProcStatus p = proc.get();
            return new Runtime.MemoryReading(p.rssBytes(), "/proc/" + p.pid() + "/status VmRSS (container's main process)"
                    + statsNote, containerBytes, containerSource, p.rssParts());
        }
        if (spec.memorySource() == MemorySource.PROC) {
            throw new RuntimeFailure("the container's main process is not visible in this host's /proc");
        }
        if (containerBytes == null) {
            throw new RuntimeFailure("no memory figure: the container's process is not on this host and " + noStats);
        }
        return new Runtime.MemoryReading(containerBytes, containerSource + " (the container's process is not on this host)",
                containerBytes, containerSource, null);
    }

    private static boolean isServer(ProcFs.ProcStatus p) {
        return p.name().equals(SERVER_PROCESS_NAME) && p.isContainerInit();
    }

    /**
     * The container's main process, if the pid the engine reports is one of this host's and really is the
     * server: named echo and pid 1 of a nested pid namespace (rootless engines report host pids too, but an engine
     * in a VM reports pids of the VM, which may name an unrelated process here).
     */
    private Optional<ProcFs.ProcStatus> containerProcess(String containerId) throws RuntimeFailure {
        Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, "inspect", "--format", "{{.State.Pid}}", containerId);
        if (!r.ok()) throw new RuntimeFailure("cannot inspect the server container: " + r.reason());
        long pid;
        try {
            pid = Long.parseLong(r.stdout().strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (pid <= 0) throw new RuntimeFailure("the server container is not running");
        return ProcFs.status(pid).filter(OciContainerMemory::isServer);
    }

    /** The server's pid on this host, when the engine's pid verifiably is the container's process here. */
    OptionalLong serverPid(String containerId) throws RuntimeFailure {
        return containerProcess(containerId).map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
    }

    private OptionalLong statsBytes(String containerId) throws RuntimeFailure {
        Exec.Result r = cli.run(OciCli.TIMEOUT_MILLIS, "stats", "--no-stream", "--format", "{{.MemUsage}}", containerId);
        if (!r.ok()) return OptionalLong.empty();
        return parseMemUsage(r.stdout());
    }

    /** "1.551MiB / 23.54GiB" (docker, binary units) or "1.45MB / 25.28GB" (podman, decimal units) to bytes used. */
    static OptionalLong parseMemUsage(String memUsage) {
        Matcher m = MEM.matcher(memUsage.strip());
        if (!m.find()) return OptionalLong.empty();
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        boolean binary = unit.toLowerCase(Locale.ROOT).contains("i");
        double base = binary ? 1024 : 1000;
        int power = switch (Character.toUpperCase(unit.charAt(0))) {
            case 'K' -> 1;
            case 'M' -> 2;
            case 'G' -> 3;
            case 'T' -> 4;
            case 'P' -> 5;
            default -> 0;
        };
        return OptionalLong.of(Math.round(value * Math.pow(base, power)));
    }
}
