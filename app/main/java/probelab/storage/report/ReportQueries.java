package probelab.storage.report;

import probelab.catalog.GoVersion;
import probelab.storage.db.Database;
import probelab.storage.db.Reads;
import probelab.storage.db.Rows;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The reads the report needs. Every read is bounded (a row or group limit and a query timeout) and every
 * user-supplied value reaches DuckDB as a bind parameter; the only text spliced into SQL is this class's own
 * constants and counts of {@code ?} placeholders.
 */
public final class ReportQueries {
    /** A user-driven query that takes longer than this is cancelled: the page says so instead of hanging. */
    public static final int QUERY_TIMEOUT_SECONDS = 20;
    /** Group-by queries return at most this many groups. */
    public static final int MAX_GROUPS = 20_000;
    /** A single group keeps at most this many values (evenly thinned beyond, and flagged). */
    public static final int MAX_VALUES_PER_GROUP = 200_000;
    /** At most this many runs take part in one histogram merge. */
    public static final int MAX_RUNS = 50_000;
    /** Bind parameters per IN list when reading histograms by run id. */
    private static final int ID_BATCH = 500;

    private final Database db;
    /** The small reads' results at the current data version: each page view would otherwise run them again. */
    private final ReadMemo memo;

    public ReportQueries(Database db) {
        this.db = db;
        this.memo = new ReadMemo(db);
    }

    /** The data version derived results are keyed by ({@link ReadMemo#changes()}). */
    public long changes() {
        return memo.changes();
    }

    // -- what exists ---------------------------------------------------------------------------------------------

    /**
     * The values the filter bar offers, from what the database holds; {@code machines} are every machine with a run,
     * this database's own first.
     */
    public record Known(List<String> runtimes, List<String> goMinors, List<String> sizes, List<String> scenarios,
                        List<MachineRef> machines) {
    }

    /** A machine as filters and headers name it: its id, its name, and whether it is this database's own. */
    public record MachineRef(String id, String name, boolean local) {
    }

    public Known known() {
        return remembered("list known values", """
                SELECT 'runtime', runtime_id FROM (SELECT DISTINCT runtime_id FROM runs)
                UNION ALL SELECT 'go', go_minor FROM (SELECT DISTINCT %s AS go_minor FROM runs)
                UNION ALL SELECT 'size', project_size FROM (SELECT DISTINCT project_size FROM runs)
                UNION ALL SELECT 'scenario', scenario FROM (SELECT DISTINCT scenario FROM runs)
                UNION ALL SELECT CASE WHEN machine_id IN (SELECT machine_id FROM local_machine) THEN 'local' ELSE 'machine' END,
                       machine_id || '	' || name
                  FROM machines WHERE machine_id IN (SELECT machine_id FROM runs)
                LIMIT 10000""".formatted(SampleFilter.GO_MINOR), List.of(), rs -> {
            List<String> rt = new ArrayList<>(), go = new ArrayList<>(), size = new ArrayList<>(), scenarios = new ArrayList<>();
            List<MachineRef> machines = new ArrayList<>();
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "runtime" -> rt.add(rs.getString(2));
                    case "go" -> go.add(rs.getString(2));
                    case "scenario" -> scenarios.add(rs.getString(2));
                    case "local", "machine" -> {
                        String[] idName = rs.getString(2).split("\t", 2);
                        machines.add(new MachineRef(idName[0], idName[1], rs.getString(1).equals("local")));
                    }
                    default -> size.add(rs.getString(2));
                }
            }
            machines.sort(java.util.Comparator.comparing((MachineRef m) -> !m.local()).thenComparing(MachineRef::name));
            Collections.sort(rt);
            Collections.sort(size);
            Collections.sort(scenarios);
            go.sort(GoVersion::compare);
            // remembered and shared by every request: unmodifiable (a NULL from an old bundle stays a NULL, as before)
            return new Known(Collections.unmodifiableList(rt), Collections.unmodifiableList(go),
                    Collections.unmodifiableList(size), Collections.unmodifiableList(scenarios), List.copyOf(machines));
        });
    }

    /** The scenarios a job's runs (with its follow-ups') were measured in. */
    public List<String> scenariosOf(String jobId) {
        return remembered("list a job's scenarios", """
                SELECT DISTINCT scenario FROM runs
                WHERE job_id = ? OR job_id IN (SELECT job_id FROM job_links WHERE extends_job_id = ?) ORDER BY 1""",
                List.of(jobId, jobId), rs -> {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) out.add(rs.getString(1));
                    return Collections.unmodifiableList(out);
                });
    }

    /** The job a report shows when its URL names none ({@link DefaultJob}). */
    public java.util.Optional<String> defaultJob() {
        return memo.remember("defaultJob", () -> new DefaultJob(db).latest());
    }

    public boolean jobExists(String jobId) {
        return remembered("find job", "SELECT count(*) FROM jobs WHERE job_id = ?", List.of(jobId), rs -> {
            rs.next();
            return rs.getLong(1) > 0;
        });
    }

    /** A job as the filter bar lists it. */
    public record JobRef(String jobId, String status, Instant createdAt) {
    }

    public List<JobRef> recentJobs(int limit) {
        return remembered("list jobs", "SELECT job_id, status, created_at FROM jobs ORDER BY created_at DESC LIMIT ?",
                List.of(limit), rs -> {
                    List<JobRef> out = new ArrayList<>();
                    while (rs.next()) out.add(new JobRef(rs.getString(1), rs.getString(2), instant(rs, 3)));
                    return Collections.unmodifiableList(out);
                });
    }

    /** Changes whenever samples, runs or histograms are added: a cheap key for caching computed results. */
    public record DataVersion(long samples, long runs, long histograms, long jobs) {
    }

    public DataVersion version() {
        return remembered("read data version", """
                SELECT (SELECT count(*) FROM samples), (SELECT count(*) FROM runs),
                       (SELECT count(*) FROM latency_histograms), (SELECT count(*) FROM jobs)""", List.of(), rs -> {
            rs.next();
            return new DataVersion(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        });
    }

    // -- the header ----------------------------------------------------------------------------------------------

    /** How much the filter selects and when it was measured. Instants are null when nothing matches. */
    public record Totals(long okSamples, long failedSamples, long runs, long jobs, Instant firstMeasured,
                         Instant lastMeasured) {
    }

    public Totals totals(SampleFilter f) {
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        // runs and jobs from the (small) runs table; only the sample counts need the samples
        return remembered("count samples", """
                SELECT ok, failed, (SELECT count(*) FROM (%s)), (SELECT count(DISTINCT job_id) FROM (%s)), first, last
                FROM (SELECT count(*) FILTER (WHERE s.status = 'ok') AS ok, count(*) FILTER (WHERE s.status = 'failed') AS failed,
                             min(s.measured_at) AS first, max(s.measured_at) AS last
                      FROM samples s WHERE s.run_id IN (SELECT run_id FROM (%s)))""".formatted(runs, runs, runs),
                concat(args, args, args), rs -> {
            rs.next();
            return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), instant(rs, 5), instant(rs, 6));
        });
    }

    private static List<Object> concat(List<Object> a, List<Object> b, List<Object> c) {
        List<Object> out = new ArrayList<>(a);
        out.addAll(b);
        out.addAll(c);
        return out;
    }

    /** The known confounders (v_diagnostics) of the selected runs, worst first. */
    public List<Diagnostics.Diagnostic> diagnostics(SampleFilter f) {
        return memo.remember("diagnostics", () -> new Diagnostics(db).forRuns(f), f);
    }

    public List<SamplingReads.TaskOutcome> sampling(SampleFilter f) {
        return memo.remember("sampling", () -> new SamplingReads(db).forRuns(f), f);
    }

    public List<NotApplicableReads.Mark> notApplicable(SampleFilter f) {
        return memo.remember("notApplicable", () -> new NotApplicableReads(db).forRuns(f), f);
    }

    /** The machines of the selected runs, the reference one first ({@link MachineReads}). */
    public Rows<MachineReads.Machine> machines(SampleFilter f, int limit) {
        return memo.remember("machines", () -> new MachineReads(db).forRuns(f, limit), f, limit);
    }

    /** A runtime and Go toolchain as the selected runs recorded them. */
    public record Software(String runtime, String runtimeVersion, String runtimeDetail, String goVersion, long runs) {
    }

    public Rows<Software> software(SampleFilter f, int limit) {
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.add(limit + 1);
        return remembered("list software", """
                SELECT runtime_id, coalesce(runtime_version, ''), coalesce(runtime_detail, ''), go_version, count(*) AS n
                FROM (%s) GROUP BY ALL ORDER BY runtime_id, go_version, n DESC LIMIT ?""".formatted(runs), args, rs -> {
            List<Software> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Software(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
            }
            return bounded(out, limit);
        });
    }

    /** Per runtime among the selected runs, its latest recorded engine configuration ({@link EngineConfigReads}). */
    public Rows<EngineConfigReads.RuntimeEngine> engineConfigs(SampleFilter f, int limit) {
        return memo.remember("engineConfigs", () -> new EngineConfigReads(db).forRuns(f, limit), f, limit);
    }

    // -- values, grouped -----------------------------------------------------------------------------------------

    /**
     * The ok values of one group, sorted ascending. {@code size} is empty when sizes were pooled;
     * {@code workloadLines} is the largest generated project's line count among the group's runs (0 if none, or when
     * sizes were pooled); {@code thinned} says the group had more than {@link #MAX_VALUES_PER_GROUP} values and these
     * are an evenly spaced subset of the sorted whole (quantiles survive, the count does not).
     */
    public record ValueGroup(String runtime, String goMinor, String size, String metric, String variant,
                             long workloadLines, long count, double[] sortedValues, boolean thinned) {
    }

    /**
     * Ok values of {@code metrics}, one sorted list per (runtime, Go minor, [size,] metric, variant) group.
     * {@code variantPhase}, when not null, keeps only variants whose phase (the part before '/') equals it.
     * Sorting and grouping happen in DuckDB, which is far faster than shipping rows one by one over JDBC.
     */
    public Rows<ValueGroup> valueGroups(SampleFilter f, List<String> metrics, boolean bySize, String variantPhase) {
        if (metrics.isEmpty()) return new Rows<>(List.of(), false);
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.addAll(metrics);
        String phase = "";
        if (variantPhase != null) {
            phase = " AND split_part(s.variant, '/', 1) = ?";
            args.add(variantPhase);
        }
        args.add(MAX_GROUPS + 1);
        String size = bySize ? "r.project_size" : "''";
        String lines = bySize ? "coalesce(max(r.workload_lines), 0)" : "0";
        String sql = """
                SELECT runtime, go_minor, size, metric, variant, lines, n, vals
                FROM (
                  SELECT r.runtime_id AS runtime, r.go_minor, %s AS size, s.metric, s.variant,
                         %s AS lines, count(*) AS n, list(s.value ORDER BY s.value) AS vals
                  FROM samples s JOIN (%s) r USING (run_id)
                  WHERE s.status = 'ok' AND s.metric IN (%s)%s
                  GROUP BY ALL)
                ORDER BY runtime, go_minor, size, metric, variant LIMIT ?""".formatted(size, lines, runs, SampleFilter.marks(metrics.size()), phase);
        return query("read values", sql, args, rs -> {
            List<ValueGroup> out = new ArrayList<>();
            while (rs.next()) {
                long n = rs.getLong(7);
                double[] values = thin(doubles(rs.getArray(8)), MAX_VALUES_PER_GROUP);
                out.add(new ValueGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), n, values, values.length < n));
            }
            return bounded(out, MAX_GROUPS);
        });
    }

    /** An evenly spaced subset of a sorted array, keeping its first and last values: quantiles survive. */
    static double[] thin(double[] sorted, int max) {
        if (sorted.length <= max) return sorted;
        double[] out = new double[max];
        for (int i = 0; i < max; i++) out[i] = sorted[(int) Math.round((double) i * (sorted.length - 1) / (max - 1))];
        return out;
    }

    private static double[] doubles(Array array) throws SQLException {
        Object[] items = (Object[]) array.getArray();
        double[] out = new double[items.length];
        for (int i = 0; i < items.length; i++) out[i] = ((Number) items[i]).doubleValue();
        return out;
    }

    // -- failures ------------------------------------------------------------------------------------------------

    /** How many samples of one runtime, metric and variant failed for one reason (cut to 300 characters). */
    public record FailureCount(String runtime, String metric, String variant, String reason, long count) {
    }

    /** At most this many (runtime, metric, variant, reason) rows come back; the total still counts every failure. */
    public static final int MAX_FAILURE_ROWS = 2_000;

    /** Failed samples of {@code metrics} grouped by runtime, metric, variant and reason, most frequent first. */
    public Rows<FailureCount> failureCounts(SampleFilter f, List<String> metrics) {
        if (metrics.isEmpty()) return new Rows<>(List.of(), false);
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.addAll(metrics);
        args.add(MAX_FAILURE_ROWS + 1);
        String sql = """
                SELECT r.runtime_id, s.metric, s.variant, left(coalesce(s.error, '(no reason recorded)'), 300) AS reason,
                       count(*) AS n
                FROM samples s JOIN (%s) r USING (run_id)
                WHERE s.status = 'failed' AND s.metric IN (%s)
                GROUP BY ALL ORDER BY n DESC, 1, 2, 3, 4 LIMIT ?""".formatted(runs, SampleFilter.marks(metrics.size()));
        return query("read failures", sql, args, rs -> {
            List<FailureCount> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new FailureCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
            }
            return bounded(out, MAX_FAILURE_ROWS);
        });
    }

    // -- latency histograms --------------------------------------------------------------------------------------

    /** A run as a histogram merge needs it: its grouping dimensions and whether it can still change. */
    public record RunRef(String runId, String runtime, String goMinor, String size, boolean finished) {
    }

    /** The runs the filter selects that have at least one latency histogram. */
    public Rows<RunRef> runsWithHistograms(SampleFilter f) {
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.add(MAX_RUNS + 1);
        String sql = """
                SELECT run_id, runtime_id, go_minor, project_size, status <> 'running'
                FROM (%s) r WHERE EXISTS (SELECT 1 FROM latency_histograms h WHERE h.run_id = r.run_id)
                ORDER BY run_id LIMIT ?""".formatted(runs);
        return query("list runs", sql, args, rs -> {
            List<RunRef> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new RunRef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
            }
            return bounded(out, MAX_RUNS);
        });
    }

    /** The compressed histograms of each given run, in iteration order; reads in batches of bind parameters. */
    public Map<String, List<byte[]>> histogramsByRun(List<String> runIds) {
        Map<String, List<byte[]>> out = new LinkedHashMap<>();
        for (int from = 0; from < runIds.size(); from += ID_BATCH) {
            List<String> batch = runIds.subList(from, Math.min(runIds.size(), from + ID_BATCH));
            String sql = "SELECT run_id, histogram FROM latency_histograms WHERE run_id IN (" + SampleFilter.marks(batch.size())
                    + ") ORDER BY run_id, iteration";
            query("read histograms", sql, new ArrayList<>(batch), rs -> {
                while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getBytes(2));
                return null;
            });
        }
        return out;
    }

    // -- raw samples for CSV downloads ---------------------------------------------------------------------------

    /** One stored sample with the dimensions a download needs. */
    public record RawSample(String jobId, String runId, String runtime, String goVersion, String size, String metric,
                            String variant, int iteration, Double value, String unit, String status, String error,
                            Instant measuredAt) {
    }

    /** Streams up to {@code limit} samples (ok and failed) of {@code metrics} to {@code sink}; true if cut short. */
    public boolean rawSamples(SampleFilter f, List<String> metrics, int limit, Consumer<RawSample> sink) {
        if (metrics.isEmpty()) return false;
        List<Object> args = new ArrayList<>();
        String runs = SampleFilter.filteredRuns(f, args);
        args.addAll(metrics);
        args.add(limit + 1);
        String sql = """
                SELECT r.job_id, s.run_id, r.runtime_id, r.go_version, r.project_size, s.metric, s.variant, s.iteration,
                       s.value, s.unit, s.status, s.error, s.measured_at
                FROM samples s JOIN (%s) r USING (run_id) WHERE s.metric IN (%s)
                ORDER BY s.measured_at, s.run_id, s.metric, s.variant, s.iteration LIMIT ?"""
                .formatted(runs, SampleFilter.marks(metrics.size()));
        return query("read samples", sql, args, rs -> {
            int n = 0;
            while (rs.next()) {
                if (++n > limit) return true;
                double v = rs.getDouble(9);
                Double value = rs.wasNull() ? null : v;
                sink.accept(new RawSample(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), value, rs.getString(10),
                        rs.getString(11), rs.getString(12), instant(rs, 13)));
            }
            return false;
        });
    }

    // -- plumbing ------------------------------------------------------------------------------------------------

    private <T> T query(String what, String sql, List<?> args, Reads.Reader<T> reader) {
        return Reads.query(db, QUERY_TIMEOUT_SECONDS, what, sql, args, reader);
    }

    /** {@link #query}, read once per data version for this SQL and these arguments: the small reads a page repeats. */
    private <T> T remembered(String what, String sql, List<?> args, Reads.Reader<T> reader) {
        return memo.remember(sql, () -> query(what, sql, args, reader), args);
    }

    private static <T> Rows<T> bounded(List<T> items, int limit) {
        return Reads.bounded(items, limit);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        return Reads.instant(rs, col);
    }
}
