package probelab.storage.report;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;
import probelab.storage.db.Rows;

import java.util.ArrayList;
import java.util.List;

/**
 * The reads of a self-contained report file: failures, not-applicable marks and sampling outcomes at the finest grain
 * the file's own filters act on, a series (runtime, scenario) in one Go minor and one size. The file's script adds them
 * up for whatever its filters select, as the report's reads would have counted them for that filter.
 */
public final class ReportFileReads {
    /** At most this many rows per read; a file of a larger selection says it was cut. */
    public static final int LIMIT = 20_000;
    private final Database db;

    public ReportFileReads(Database db) {
        this.db = db;
    }

    /** Failed samples of one series, Go minor, size, metric, variant and reason (cut to 300 characters, as the report). */
    public record Failure(String series, String goMinor, String size, String metric, String variant, String reason,
                         long count) {
    }

    public Rows<Failure> failures(SampleFilter f, List<String> metrics) {
        if (metrics.isEmpty()) return new Rows<>(List.of(), false);
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.addAll(metrics);
        args.add(LIMIT + 1);
        String sql = """
                SELECT r.runtime_id, r.go_minor, r.project_size, s.metric, s.variant,
                       left(coalesce(s.error, '(no reason recorded)'), 300) AS reason, count(*) AS n
                FROM samples s JOIN (%s) r USING (run_id)
                WHERE s.status = 'failed' AND s.metric IN (%s)
                GROUP BY ALL ORDER BY 1, 2, 3, 4, 5, 6 LIMIT ?""".formatted(runs, SampleFilter.marks(metrics.size()));
        return Reads.query(db, ReportQueries.QUERY_TIMEOUT_SECONDS, "read failures by group", sql, args, rs -> {
            List<Failure> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Failure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7)));
            }
            return Reads.bounded(out, LIMIT);
        });
    }

    /** A metric one series can never measure, why, and in how many runs of one Go minor and size it was marked so. */
    public record NotApplicable(String series, String goMinor, String size, String metric, String reason, long runs) {
    }

    public Rows<NotApplicable> notApplicable(SampleFilter f) {
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.add(LIMIT + 1);
        String sql = """
                SELECT r.runtime_id, r.go_minor, r.project_size, s.metric, coalesce(s.error, ''), count(DISTINCT s.run_id)
                FROM samples s JOIN (%s) r USING (run_id)
                WHERE s.status = 'not_applicable'
                GROUP BY ALL ORDER BY 1, 2, 3, 4, 5 LIMIT ?""".formatted(runs);
        return Reads.query(db, ReportQueries.QUERY_TIMEOUT_SECONDS, "read not applicable by group", sql, args, rs -> {
            List<NotApplicable> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new NotApplicable(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)));
            }
            return Reads.bounded(out, LIMIT);
        });
    }

    /**
     * One task of one run ({@link SamplingReads.TaskOutcome}) with the series its run belongs to; {@code runtime} is
     * the stored runtime id, which is what the report's sampling notes group by.
     */
    public record Task(String series, String goMinor, SamplingReads.TaskOutcome outcome) {
    }

    /** In the order the report reads them: runtime, Go version, size, task. */
    public Rows<Task> sampling(SampleFilter f) {
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.add(LIMIT + 1);
        // the live report's total order (SamplingReads.forRuns): the file's notes name stop reasons in the order they
        // come, and without run_id the runs of several jobs or scenarios would come in any order among themselves
        String sql = """
                SELECT r.runtime_id, r.go_minor, s.runtime, s.go_version, s.project_size, s.task, s.families, s.iterations,
                       s.stop_reason, s.half_width_pct, s.widest_series, s.target_pct
                FROM v_sampling s JOIN (%s) r USING (run_id)
                ORDER BY s.runtime, s.go_version, s.project_size, s.task, r.runtime_id, s.run_id LIMIT ?""".formatted(runs);
        return Reads.query(db, Reads.NO_TIMEOUT, "read how far sampling got by group", sql, args, rs -> {
            List<Task> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Task(rs.getString(1), rs.getString(2), new SamplingReads.TaskOutcome(rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9),
                        (Double) rs.getObject(10), rs.getString(11), (Double) rs.getObject(12))));
            }
            return Reads.bounded(out, LIMIT);
        });
    }
}
