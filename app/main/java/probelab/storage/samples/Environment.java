package probelab.storage.samples;

/**
 * The machine and software a run was measured on; stamped on every run so figures stay comparable.
 * {@code machineId} is the measuring machine's stable id ({@link Machines}); null means "this database's own
 * machine" (the one registered as local, else the one the fingerprint describes).
 */
public record Environment(String os, String kernel, String cpuModel, int cpuCores, long memoryBytes,
                          String goVersionString, String runtimeVersion, String runtimeDetail,
                          String probelabVersion, String gitCommit, String machineId) {
    /** The commit synthetic runs ({@code probelab seed}) record instead of a real one: reports say their data is made up. */
    public static final String SYNTHETIC_COMMIT = "synthetic";

    /** An environment on this database's own machine. */
    public Environment(String os, String kernel, String cpuModel, int cpuCores, long memoryBytes,
                       String goVersionString, String runtimeVersion, String runtimeDetail,
                       String probelabVersion, String gitCommit) {
        this(os, kernel, cpuModel, cpuCores, memoryBytes, goVersionString, runtimeVersion, runtimeDetail, probelabVersion,
                gitCommit, null);
    }
}
