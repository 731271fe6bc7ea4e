package probelab.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The labels that mark what probelab creates in an engine, for which job, and by which process. */
public final class OciLabels {
    /** Every container, volume and image probelab creates carries this label, and {@link #JOB_LABEL} with its job. */
    public static final String LABEL = "probelab";
    public static final String JOB_LABEL = "probelab.job";
    /** A token unique to one server start: what the engine's event stream for that start is filtered on. */
    static final String START_LABEL = "probelab.start";
    /**
     * Which process created a container or volume (host/pid/start millis): leftovers of a job that died are removed
     * at the next start, while those of a job still running elsewhere on this machine are left alone.
     */
    public static final String OWNER_LABEL = "probelab.owner";
    /** This process, as {@link #OWNER_LABEL} records it. */
    static final String OWNER = ownerOf(ProcessHandle.current());

    private OciLabels() {
    }

    /**
     * Marks images (final and intermediate) of probelab's image builds, with the job as value. Not {@link #JOB_LABEL}:
     * the shared toolchain images carry that one, and must outlive the job that imported them.
     */
    public static final String IMAGE_BUILD_LABEL = "probelab.imagebuild";

    /**
     * Marks the images of the files family's image place (a source tree in a layer), with the job as value; like
     * {@link #IMAGE_BUILD_LABEL}, not {@link #JOB_LABEL}, so that removing a job's leftovers never touches shared images.
     */
    public static final String TREE_IMAGE_LABEL = "probelab.tree";

    /** {@code --label} arguments for everything this process creates for a job (containers, volumes). */
    static List<String> args(String jobId) {
        return List.of("--label", LABEL + "=1", "--label", JOB_LABEL + "=" + jobId, "--label", OWNER_LABEL + "=" + OWNER);
    }

    /** Which job imported a shared image: for people reading the image's labels, never matched by a sweep. */
    public static final String IMPORTED_BY_LABEL = "probelab.imported-by";

    /**
     * {@code import --change} instructions that label an image. No owner and not {@link #JOB_LABEL}: images are
     * shared by content across jobs and never removed as leftovers, and every container made from one inherits its
     * labels: the intermediate containers of a docker build carried the importing job's label, so that job's cleanup
     * (or a sweep in another process) removed another job's running build step.
     */
    static List<String> imageChanges(String jobId) {
        return List.of("--change", "LABEL " + LABEL + "=1", "--change", "LABEL " + IMPORTED_BY_LABEL + "=" + jobId);
    }

    /** The {@code --filter} value that lists everything labelled, or only one job's things. */
    static String filter(String jobId) {
        return "label=" + (jobId == null ? LABEL : JOB_LABEL + "=" + jobId);
    }

    static String ownerOf(ProcessHandle p) {
        long startMillis = p.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return hostName() + "/" + p.pid() + "/" + startMillis;
    }

    /** True when {@code owner} names a process of this host that is still running (same pid, same start). */
    static boolean ownerAlive(String owner) {
        String[] parts = owner.split("/");
        if (parts.length != 3) return false; // no owner recorded (or garbled): nobody will ever clean it up otherwise
        if (!parts[0].equals(hostName())) return true; // a process of another host: not ours to judge
        try {
            long pid = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).map(OciLabels::ownerOf).map(owner::equals).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
