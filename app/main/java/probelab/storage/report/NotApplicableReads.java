package probelab.storage.report;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code not_applicable} marks of the selected runs: metrics a runtime can never measure, with the reason. */
public final class NotApplicableReads {
    static final int LIMIT = 200;
    private final Database db;

    public NotApplicableReads(Database db) {
        this.db = db;
    }

    /** A metric one runtime cannot measure, why, and in how many of the selected runs it was marked so. */
    public record Mark(String runtime, String metric, String reason, long runs) {
    }

    public List<Mark> forRuns(SampleFilter f) {
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.add(LIMIT);
        String sql = """
                SELECT r.runtime_id, s.metric, coalesce(s.error, ''), count(DISTINCT s.run_id)
                FROM samples s JOIN (%s) r USING (run_id)
                WHERE s.status = 'not_applicable'
                GROUP BY ALL ORDER BY 1, 2, 3 LIMIT ?""".formatted(runs);
        return Reads.query(db, Reads.NO_TIMEOUT, "read what is not applicable", sql, args, rs -> {
            List<Mark> out = new ArrayList<>();
            while (rs.next()) out.add(new Mark(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            return List.copyOf(out);
        });
    }
}
