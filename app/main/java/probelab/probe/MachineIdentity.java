package probelab.probe;

import probelab.storage.machines.MachineRow;
import probelab.storage.machines.Machines;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's stable id and default name. The id is the first 12 hex digits of the sha256 of
 * {@code /etc/machine-id} (systemd's per-installation id: it survives reboots, kernel and hardware upgrades, and
 * differs between two CI runners on identical hardware); where that file is unreadable (some containers, macOS), of
 * the fingerprint's stable parts ({@link Machines#fingerprintId}: cpu model, cores, memory in GiB, os), which identical
 * machines share. The default name is the host name, cut to what a machine name may hold.
 */
public record MachineIdentity(String machineId, String source, String hostName) {
    public static final Path MACHINE_ID_FILE = Path.of("/etc/machine-id");

    /** Reads the id from {@code machineIdFile}, else derives it from the fingerprint's parts. */
    public static MachineIdentity read(Path machineIdFile, String cpuModel, int cpuCores, long memoryBytes, String os) {
        String contents = firstLine(machineIdFile);
        String id = contents == null || contents.isEmpty()
                ? Machines.fingerprintId(cpuModel, cpuCores, memoryBytes, os)
                : Machines.sha256Hex(("machine-id|" + contents).getBytes(StandardCharsets.UTF_8)).substring(0, Machines.ID_HEX_DIGITS);
        return new MachineIdentity(id, contents == null || contents.isEmpty() ? "fingerprint" : machineIdFile.toString(),
                defaultName(readHostName(), id));
    }

    /** The row this machine gets in {@code machines}. */
    public MachineRow row(String os, String kernel, String cpuModel, int cpuCores, long memoryBytes) {
        return new MachineRow(machineId, hostName, os, kernel, cpuModel, cpuCores, memoryBytes);
    }

    /** The host name as the kernel has it, cut to a valid machine name; "machine-" and the id's start if none fits. */
    static String defaultName(String host, String id) {
        String cleaned = host == null ? "" : host.strip().replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[._-]+", "");
        if (cleaned.length() > 64) cleaned = cleaned.substring(0, 64);
        return Machines.NAME.matcher(cleaned).matches() ? cleaned : "machine-" + id.substring(0, 6);
    }

    private static String readHostName() {
        String h = firstLine(Path.of("/proc/sys/kernel/hostname"));
        if (h != null && !h.isEmpty()) return h;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null; // no name resolvable: the id-based default
        }
    }

    private static String firstLine(Path p) {
        try {
            var lines = Files.readAllLines(p);
            return lines.isEmpty() ? "" : lines.get(0).strip();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
