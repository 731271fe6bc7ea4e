package probelab.probe;

/**
 * Told when a job has ended and its final status is stored, e.g. to refresh the analysts' snapshot. Called on the
 * job's thread; a listener that throws is reported to the job's progress and does not change the job's status.
 */
@FunctionalInterface
public interface JobFinishedListener {
    void jobFinished(String jobId, String status);

    JobFinishedListener NONE = (jobId, status) -> {
    };
}
