package probelab.storage.report;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code v_diagnostics}: the known confounders found in a job's runs, worst first. */
public final class Diagnostics {
    private final Database db;

    public Diagnostics(Database db) {
        this.db = db;
    }

    /** One confounder of one run: which rule found it, how bad, what shows it, and the fix. */
    public record Diagnostic(String runId, String runtime, String rule, String severity, String evidence, String fix) {
    }

    /** The diagnostics of the runs a report's filter selects, in the same order as {@link #forJob}. */
    public List<Diagnostic> forRuns(SampleFilter f) {
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        return read("""
                SELECT d.run_id, r.runtime_id, d.rule, d.severity, d.evidence, d.fix
                FROM v_diagnostics d JOIN (%s) r USING (run_id)
                ORDER BY %s LIMIT 200""".formatted(runs, ORDER), args);
    }

    /** The diagnostics of one job's runs, high severity first, then by runtime and rule. */
    public List<Diagnostic> forJob(String jobId) {
        String sql = """
                SELECT d.run_id, r.runtime_id, d.rule, d.severity, d.evidence, d.fix
                FROM v_diagnostics d JOIN runs r USING (run_id)
                WHERE r.job_id = ?
                ORDER BY %s""".formatted(ORDER);
        return read(sql, List.of(jobId));
    }

    private static final String ORDER =
            "CASE d.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, r.runtime_id, d.rule, d.run_id";

    private List<Diagnostic> read(String sql, List<Object> args) {
        return Reads.query(db, Reads.NO_TIMEOUT, "read diagnostics", sql, args, rs -> {
            List<Diagnostic> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Diagnostic(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)));
            }
            return List.copyOf(out);
        });
    }
}
