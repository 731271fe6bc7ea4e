package probelab.storage.machines;

/** One machine as {@code machines} holds it: its stable id, the name people gave it, and its fingerprint. */
public record MachineRow(String machineId, String name, String os, String kernel, String cpuModel, int cpuCores,
                         long memoryBytes) {
}
