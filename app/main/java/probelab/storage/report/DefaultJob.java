package probelab.storage.report;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;

import java.util.List;
import java.util.Optional;

/**
 * Which job a report shows when the URL names none: the newest job, completed or still running, with at least one
 * ok sample, that is not a follow-up of another (a follow-up's samples show in its parent's report). Pooling every
 * job by default would mix a native-only job's 40 samples with another job's 3 and move medians with no warning.
 */
final class DefaultJob {
    private final Database db;

    DefaultJob(Database db) {
        this.db = db;
    }

    Optional<String> latest() {
        String sql = """
                SELECT j.job_id FROM jobs j
                WHERE j.status IN ('completed', 'running')
                  AND j.job_id NOT IN (SELECT job_id FROM job_links)
                  AND EXISTS (SELECT 1 FROM runs r JOIN samples s USING (run_id) WHERE r.job_id = j.job_id AND s.status = 'ok')
                ORDER BY j.created_at DESC, j.job_id DESC LIMIT 1""";
        return Reads.query(db, Reads.NO_TIMEOUT, "find the latest job", sql, List.of(),
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty());
    }
}
