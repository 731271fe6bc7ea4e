package probelab.probe;

import probelab.process.Exec;
import probelab.runtime.Runtime;
import probelab.storage.samples.Environment;
import probelab.storage.machines.MachineRow;
import probelab.storage.machines.Machines;
import probelab.toolchain.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the machine's identity once (OS, kernel, CPU, memory, probelab commit) and stamps it on runs. */
public final class Fingerprint {
    private final String os;
    private final String kernel;
    private final String cpuModel;
    private final int cpuCores;
    private final long memoryBytes;
    private final String probelabVersion;
    private final String gitCommit;
    private final MachineIdentity machine;

    public Fingerprint(String probelabVersion, Path sourceRoot) {
        this.os = osRelease();
        this.kernel = firstLine(Path.of("/proc/sys/kernel/osrelease"), System.getProperty("os.version"));
        this.cpuModel = procField(Path.of("/proc/cpuinfo"), "model name", System.getProperty("os.arch"));
        this.cpuCores = java.lang.Runtime.getRuntime().availableProcessors();
        String memKb = procField(Path.of("/proc/meminfo"), "MemTotal", "0 kB").split("\\s+")[0];
        this.memoryBytes = parseLong(memKb) * 1024;
        this.probelabVersion = probelabVersion;
        var git = Exec.run(List.of("git", "-C", sourceRoot.toString(), "rev-parse", "--short=12", "HEAD"), 5_000);
        this.gitCommit = git.ok() ? git.stdout().strip() : "unknown";
        this.machine = MachineIdentity.read(MachineIdentity.MACHINE_ID_FILE, cpuModel, cpuCores, memoryBytes, os);
    }

    /** This machine as {@code machines} holds it (the name is the default one: the host name). */
    public MachineRow machine() {
        return machine.row(os, kernel, cpuModel, cpuCores, memoryBytes);
    }

    /** The id schema 011 gave this machine's runs from before machine ids: what {@code Machines.registerLocal} adopts. */
    public String fingerprintId() {
        return Machines.fingerprintId(cpuModel, cpuCores, memoryBytes, os);
    }

    public String probelabVersion() {
        return probelabVersion;
    }

    /** The commit probelab was built from, or "unknown" outside a git checkout. */
    public String gitCommit() {
        return gitCommit;
    }

    public Environment of(Toolchain toolchain, Runtime.Availability availability) {
        return new Environment(os, kernel, cpuModel, cpuCores, memoryBytes,
                toolchain == null ? "" : toolchain.versionString(),
                availability.engineVersion(), availability.reachedVia(), probelabVersion, gitCommit, machine.machineId());
    }

    private static String osRelease() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) return line.substring(12).replace("\"", "");
            }
        } catch (IOException ignored) {
            // not Linux, or a minimal image: fall back to what Java knows
        }
        return System.getProperty("os.name");
    }

    private static String firstLine(Path p, String fallback) {
        try {
            return Files.readAllLines(p).get(0).strip();
        } catch (IOException | IndexOutOfBoundsException e) {
            return fallback;
        }
    }

    private static String procField(Path p, String key, String fallback) {
        try {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith(key)) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException ignored) {
            // same fallback as a missing field
        }
        return fallback;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
