package probelab.storage;

/** The machine and software a run was measured on; stamped on every run so figures stay comparable. */
public record Environment(String os, String kernel, String cpuModel, int cpuCores, long memoryBytes,
                          String goVersionString, String runtimeVersion, String runtimeDetail,
                          String probelabVersion, String gitCommit) {
}
