package probelab.storage.db;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Marks the jobs and runs a dead process left queued or running as aborted. {@link Database#open} does it while it
 * holds the write lock, which proves no live process runs them; it lives here, beside the opening, because every
 * other storage package sits on this one.
 */
public final class UnfinishedJobs {
    /** The status of a job or run whose process ended before it did. */
    public static final String ABORTED = "aborted";

    private UnfinishedJobs() {
    }

    /** Returns the ids of the jobs it aborted. */
    public static List<String> abort(Database db) {
        List<String> ids = Reads.query(db, Reads.NO_TIMEOUT, "find unfinished jobs",
                "SELECT job_id FROM jobs WHERE status IN ('queued', 'running')", List.of(), rs -> {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) out.add(rs.getString(1));
                    return out;
                });
        for (String id : ids) {
            Writes.update(db, "finish job", "UPDATE jobs SET status = ?, finished_at = ?, message = ? WHERE job_id = ?",
                    ABORTED, Writes.timestamp(Instant.now()), "the process running this job ended before it finished", id);
        }
        Writes.update(db, "abort runs", "UPDATE runs SET status = 'aborted', finished_at = ? WHERE status = 'running'",
                Writes.timestamp(Instant.now()));
        return ids;
    }
}
