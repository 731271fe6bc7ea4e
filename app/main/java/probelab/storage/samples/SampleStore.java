package probelab.storage.samples;

import probelab.catalog.EngineConfig;
import probelab.storage.db.Database;
import probelab.storage.db.Reads;
import probelab.storage.db.UnfinishedJobs;
import probelab.storage.db.Writes;
import probelab.storage.machines.MachineRow;
import probelab.storage.machines.Machines;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and reads jobs, runs, samples and latency histograms. Every write commits at once, so a job
 * killed mid-way keeps what it measured. Thread-safe: each call takes its own connection.
 */
public final class SampleStore {
    public static final String JOB_QUEUED = "queued";
    public static final String JOB_RUNNING = "running";
    public static final String JOB_COMPLETED = "completed";
    public static final String JOB_FAILED = "failed";
    public static final String JOB_CANCELLED = "cancelled";
    public static final String JOB_ABORTED = UnfinishedJobs.ABORTED;

    private final Database db;

    public SampleStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    public void createJob(String jobId, String specJson, Instant createdAt) {
        Writes.update(db, "create job", "INSERT INTO jobs (job_id, spec_json, status, created_at) VALUES (?, ?, ?, ?)",
                jobId, specJson, JOB_QUEUED, Writes.timestamp(createdAt));
    }

    public void markJobStarted(String jobId) {
        db.jobWriting(jobId, true);
        Writes.update(db, "start job", "UPDATE jobs SET status = ?, started_at = ? WHERE job_id = ?",
                JOB_RUNNING, Writes.timestamp(Instant.now()), jobId);
    }

    public void markJobFinished(String jobId, String status, String message) {
        try {
            Writes.update(db, "finish job", "UPDATE jobs SET status = ?, finished_at = ?, message = ? WHERE job_id = ?",
                    status, Writes.timestamp(Instant.now()), message, jobId);
        } finally {
            db.jobWriting(jobId, false);
        }
    }

    public void createRun(RunRow run) {
        Environment env = run.environment();
        RunRow.WorkloadCounts w = run.workload();
        Writes.update(db, "create run", """
                INSERT INTO runs (run_id, job_id, runtime_id, go_version, project_size, status, started_at,
                  os, kernel, cpu_model, cpu_cores, memory_bytes, go_version_string, runtime_version, runtime_detail,
                  probelab_version, git_commit, workload_modules, workload_packages, workload_files, workload_lines,
                  generator_version, scenario, machine_id)
                VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                run.runId(), run.jobId(), run.runtimeId(), run.goVersion(), run.projectSize(), Writes.timestamp(run.startedAt()),
                env.os(), env.kernel(), env.cpuModel(), env.cpuCores(), env.memoryBytes(), env.goVersionString(),
                env.runtimeVersion(), env.runtimeDetail(), env.probelabVersion(), env.gitCommit(),
                w.modules(), w.packages(), w.files(), w.lines(), w.generatorVersion(), run.scenario(), machineIdOf(env));
    }

    /** The id a run with {@code env} is stored under: its own, else the local machine's, else its fingerprint's. */
    private String machineIdOf(Environment env) {
        if (env.machineId() != null) return env.machineId();
        Machines machines = new Machines(db);
        String id = machines.local().map(MachineRow::machineId)
                .orElseGet(() -> Machines.fingerprintId(env.cpuModel(), env.cpuCores(), env.memoryBytes(), env.os()));
        machines.ensure(new MachineRow(id, "machine-" + id.substring(0, 6), env.os(), env.kernel(), env.cpuModel(),
                env.cpuCores(), env.memoryBytes()));
        return id;
    }

    /** Stamps a run with its engine's configuration; {@link EngineConfig#NONE} (native) leaves every column null. */
    public void setEngineConfig(String runId, EngineConfig c) {
        Writes.update(db, "set engine config", """
                UPDATE runs SET storage_driver = ?, cgroup_version = ?, cgroup_driver = ?, oci_runtime = ?,
                  network_driver = ?, userland_proxy = ?, security_options = ?, engine_version = ?
                WHERE run_id = ?""",
                c.storageDriver(), c.cgroupVersion(), c.cgroupDriver(), c.ociRuntime(), c.networkDriver(),
                c.userlandProxy(), c.securityOptions(), c.engineVersion(), runId);
    }

    /**
     * What competed with one measured iteration of a run: the load average after it and the CPU steal during it (the
     * run keeps the worst), and the CPU time of processes outside the job (the run sums it, keeping the worst
     * iteration's share and its busiest process). A null part keeps what the run had.
     */
    public record LoadReading(Double loadAvg1m, Double stealPct, Long foreignCpuTicks, Long cpuTicks, String foreignBusiest,
                              Long stealTicks) {
        /** The foreign share of the machine in this iteration, or null when not read. */
        public Double foreignPct() {
            return foreignCpuTicks == null || cpuTicks == null || cpuTicks <= 0 ? null : 100.0 * foreignCpuTicks / cpuTicks;
        }
    }

    /** Adds one iteration's {@link LoadReading} to its run, which is what the busy-machine diagnostic reads. */
    public void recordMachineLoad(String runId, LoadReading r) {
        Double pct = r.foreignPct();
        Writes.update(db, "record machine load", """
                UPDATE runs SET load_avg_1m_max = greatest(coalesce(load_avg_1m_max, ?), coalesce(?, load_avg_1m_max)),
                  steal_pct_max = greatest(coalesce(steal_pct_max, ?), coalesce(?, steal_pct_max)),
                  foreign_cpu_ticks = coalesce(coalesce(foreign_cpu_ticks, 0) + ?, foreign_cpu_ticks),
                  cpu_ticks = coalesce(coalesce(cpu_ticks, 0) + ?, cpu_ticks),
                  steal_ticks = coalesce(coalesce(steal_ticks, 0) + ?, steal_ticks),
                  foreign_busiest = CASE WHEN ? > coalesce(foreign_cpu_pct_max, -1) THEN ? ELSE foreign_busiest END,
                  foreign_cpu_pct_max = greatest(coalesce(foreign_cpu_pct_max, ?), coalesce(?, foreign_cpu_pct_max))
                WHERE run_id = ?""", r.loadAvg1m(), r.loadAvg1m(), r.stealPct(), r.stealPct(),
                pct == null ? null : r.foreignCpuTicks(), pct == null ? null : r.cpuTicks(),
                pct == null ? null : r.stealTicks(), pct, r.foreignBusiest(), pct, pct, runId);
    }

    /** Records cpu0's frequency governor for a run (null when the machine does not expose it). */
    public void setCpuGovernor(String runId, String governor) {
        Writes.update(db, "set cpu governor", "UPDATE runs SET cpu_governor = ? WHERE run_id = ?", governor, runId);
    }

    public void finishRun(String runId, String status) {
        Writes.update(db, "finish run", "UPDATE runs SET status = ?, finished_at = ? WHERE run_id = ?",
                status, Writes.timestamp(Instant.now()), runId);
    }

    /**
     * Mean wall time of one stored iteration per runtime and task ({@code runtime + "/" + task}, task server or build)
     * over every job this database has recorded: what an estimate of a new job's duration starts from.
     */
    public Map<String, Double> iterationMillis() {
        String sql = """
                SELECT r.runtime_id || '/' || t.task, sum(t.measured_ms)::DOUBLE / sum(t.iterations)
                FROM run_tasks t JOIN runs r USING (run_id) WHERE t.iterations > 0 GROUP BY ALL""";
        return Reads.query(db, Reads.NO_TIMEOUT, "read earlier iteration times", sql, List.of(), rs -> {
            Map<String, Double> out = new java.util.HashMap<>();
            while (rs.next()) out.put(rs.getString(1), rs.getDouble(2));
            return out;
        });
    }

    /** Records that {@code followUp} measures more of {@code extended}'s undecided comparisons. */
    public void linkJob(String followUp, String extended) {
        Writes.update(db, "link job", "INSERT OR REPLACE INTO job_links VALUES (?, ?)", followUp, extended);
    }

    /** Records how far a task got and why it stopped; recording the same task again replaces the row. */
    public void recordTask(RunTask t) {
        Writes.update(db, "record task", "INSERT OR REPLACE INTO run_tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.runId(), t.task(), t.families(), t.iterations(), t.warmupIterations(), t.measuredMillis(),
                t.stopReason(), t.halfWidthPct(), t.widestSeries(), t.targetPct());
    }

    /** One task of a job with the cell it belongs to, as {@code v_sampling} has it. */
    public record SampledTask(String runtime, String goVersion, String projectSize, RunTask task) {
    }

    /** The tasks of one job in run order, server before build. */
    public List<SampledTask> sampling(String jobId) {
        String sql = """
                SELECT runtime, go_version, project_size, run_id, task, families, iterations, warmup_iterations,
                  measured_ms, stop_reason, half_width_pct, widest_series, target_pct
                FROM v_sampling WHERE job_id = ? ORDER BY length(run_id), run_id, task DESC""";
        return Reads.query(db, Reads.NO_TIMEOUT, "read the sampling of job " + jobId, sql, List.of(jobId), rs -> {
            List<SampledTask> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new SampledTask(rs.getString(1), rs.getString(2), rs.getString(3), new RunTask(rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getString(10),
                        nullableDouble(rs, 11), rs.getString(12), nullableDouble(rs, 13))));
            }
            return out;
        });
    }

    public void addSample(SampleRow s) {
        Writes.update(db, "add sample", "INSERT INTO samples VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.runId(), s.metric(), s.variant(), s.iteration(), s.value(), s.unit(), s.status(), s.error(),
                s.detail(), Writes.timestamp(s.measuredAt()));
    }

    /** Bulk insert through DuckDB's appender: rows become visible when this returns. */
    public void addSamples(List<SampleRow> rows) {
        Writes.write(db, "append samples", conn -> {
            try (DuckDBAppender app = ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples")) {
                for (SampleRow s : rows) {
                    app.beginRow();
                    app.append(s.runId());
                    app.append(s.metric());
                    app.append(s.variant());
                    app.append(s.iteration());
                    if (s.value() == null) app.appendNull(); else app.append(s.value());
                    app.append(s.unit());
                    app.append(s.status());
                    appendNullable(app, s.error());
                    appendNullable(app, s.detail());
                    app.append(LocalDateTime.ofInstant(s.measuredAt(), ZoneOffset.UTC));
                    app.endRow();
                }
            }
            return null;
        });
    }

    private static void appendNullable(DuckDBAppender app, String v) throws SQLException {
        if (v == null) app.appendNull(); else app.append(v);
    }

    public void addHistogram(String runId, int iteration, byte[] compressed, long requestCount, long durationMicros) {
        Writes.update(db, "add histogram", "INSERT OR REPLACE INTO latency_histograms VALUES (?, ?, ?, ?, ?)",
                runId, iteration, compressed, requestCount, durationMicros);
    }

    /** Compressed histograms of the given runs, in run and iteration order. */
    public List<byte[]> histograms(List<String> runIds) {
        if (runIds.isEmpty()) return new ArrayList<>();
        String marks = String.join(",", java.util.Collections.nCopies(runIds.size(), "?"));
        return Reads.query(db, Reads.NO_TIMEOUT, "read histograms",
                "SELECT histogram FROM latency_histograms WHERE run_id IN (" + marks + ") ORDER BY run_id, iteration", runIds, rs -> {
                    List<byte[]> out = new ArrayList<>();
                    while (rs.next()) out.add(rs.getBytes(1));
                    return out;
                });
    }

    /**
     * Marks jobs and runs that a dead process left queued or running as aborted. Called at start-up,
     * before any job runs in this process. Returns the ids of the jobs it aborted.
     */
    public List<String> abortUnfinished() {
        return UnfinishedJobs.abort(db);
    }

    public Optional<JobRow> job(String jobId) {
        List<JobRow> rows = jobs("WHERE j.job_id = ?", jobId, 1);
        return rows.stream().findFirst();
    }

    /** The newest jobs first, at most {@code limit}. */
    public List<JobRow> recentJobs(int limit) {
        return jobs("", null, limit);
    }

    private List<JobRow> jobs(String where, String arg, int limit) {
        String sql = """
                SELECT j.job_id, j.spec_json, j.status, j.created_at, j.started_at, j.finished_at, j.message,
                  (SELECT count(*) FROM samples s JOIN runs r USING (run_id) WHERE r.job_id = j.job_id AND s.status = 'ok'),
                  (SELECT count(*) FROM samples s JOIN runs r USING (run_id) WHERE r.job_id = j.job_id AND s.status = 'failed')
                FROM jobs j %s ORDER BY j.created_at DESC LIMIT %d""".formatted(where, limit);
        return Reads.query(db, Reads.NO_TIMEOUT, "read jobs", sql, arg == null ? List.of() : List.of(arg), rs -> {
            List<JobRow> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new JobRow(rs.getString(1), rs.getString(2), rs.getString(3), Reads.instant(rs, 4),
                        Reads.instant(rs, 5), Reads.instant(rs, 6), rs.getString(7), rs.getLong(8), rs.getLong(9)));
            }
            return out;
        });
    }

    /** Per metric and variant of one job: n ok, n failed, median, min, max (ok samples only). */
    public List<MetricSummary> summarize(String jobId) {
        String sql = """
                SELECT %s AS series,
                  go_version, project_size, metric, variant, unit,
                  count(*) FILTER (WHERE status = 'ok'), count(*) FILTER (WHERE status = 'failed'),
                  median(value), min(value), max(value), any_value(error) FILTER (WHERE status = 'failed'),
                  coalesce(list(value ORDER BY value) FILTER (WHERE status = 'ok'), [])
                FROM v_samples WHERE job_id = ? AND status <> 'not_applicable'
                GROUP BY ALL ORDER BY series, go_version, project_size, metric, variant""".formatted(
                // one job runs on one machine: the series names carry no machine
                probelab.catalog.Series.sql("runtime", "NULL", "scenario"));
        return Reads.query(db, Reads.NO_TIMEOUT, "summarize job", sql, List.of(jobId), rs -> {
            List<MetricSummary> out = new ArrayList<>();
            while (rs.next()) {
                Object[] vs = (Object[]) rs.getArray(13).getArray();
                double[] values = new double[vs.length];
                for (int i = 0; i < vs.length; i++) values[i] = ((Number) vs[i]).doubleValue();
                out.add(new MetricSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), nullableDouble(rs, 9),
                        nullableDouble(rs, 10), nullableDouble(rs, 11), rs.getString(12), values));
            }
            return out;
        });
    }

    /**
     * One line of a job's summary table. Values are null when no sample was ok; {@code sortedValues} are the ok values,
     * ascending, for the comparisons the table prints.
     */
    public record MetricSummary(String runtime, String goVersion, String projectSize, String metric, String variant,
                                String unit, long okCount, long failedCount, Double median, Double min, Double max,
                                String firstError, @com.fasterxml.jackson.annotation.JsonIgnore double[] sortedValues) {
    }

    private static Double nullableDouble(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }
}
