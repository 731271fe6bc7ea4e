package probelab.storage.report;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code v_sampling}: how far each task of the selected runs got and why it stopped. */
public final class SamplingReads {
    /** The most tasks one read returns: a page summarises them per runtime. */
    static final int LIMIT = 2000;
    private final Database db;

    public SamplingReads(Database db) {
        this.db = db;
    }

    /**
     * One task (a run's server families or its builds): stored iterations, why it stopped, and its widest 95% interval
     * of a key series' median as +/- % ({@code halfWidthPct}, null without one) against the target (null: fixed count).
     */
    public record TaskOutcome(String runtime, String goVersion, String size, String task, String families, int iterations,
                              String stopReason, Double halfWidthPct, String widestSeries, Double targetPct) {
        public boolean measures(String family) {
            return List.of(families.split(",")).contains(family);
        }
    }

    /** The tasks of the runs a report's filter selects, by runtime. */
    public List<TaskOutcome> forRuns(SampleFilter f) {
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.add(LIMIT);
        // a total order (runs of several jobs or scenarios tie on the first four): the notes name stop reasons in the
        // order they come, and the report file must read the same order (ReportFileReads.sampling)
        String sql = """
                SELECT s.runtime, s.go_version, s.project_size, s.task, s.families, s.iterations, s.stop_reason,
                       s.half_width_pct, s.widest_series, s.target_pct
                FROM v_sampling s JOIN (%s) r USING (run_id)
                ORDER BY s.runtime, s.go_version, s.project_size, s.task, r.runtime_id, s.run_id LIMIT ?""".formatted(runs);
        return Reads.query(db, Reads.NO_TIMEOUT, "read how far sampling got", sql, args, rs -> {
            List<TaskOutcome> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new TaskOutcome(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getString(7), (Double) rs.getObject(8), rs.getString(9), (Double) rs.getObject(10)));
            }
            return List.copyOf(out);
        });
    }
}
