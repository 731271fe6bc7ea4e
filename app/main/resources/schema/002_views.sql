-- Probelab schema, part 2: the public analyst views. Each v_* answers one question.

-- One row per measured value, with every dimension a report filters on.
CREATE OR REPLACE VIEW v_samples AS
SELECT s.run_id, r.job_id, r.runtime_id AS runtime, r.go_version, r.project_size,
       s.metric, s.variant, s.iteration, s.value, s.unit, s.status, s.error, s.detail,
       s.measured_at, r.cpu_model, r.cpu_cores, r.kernel, r.runtime_version
FROM samples s JOIN runs r USING (run_id);

-- What is the median (and spread) of each metric per runtime, Go version and size, over ok samples?
CREATE OR REPLACE VIEW v_metric_summary AS
SELECT runtime, go_version, project_size, metric, variant, unit,
       count(*) AS n,
       median(value) AS median_value,
       quantile_cont(value, 0.9) AS p90_value,
       min(value) AS min_value, max(value) AS max_value,
       stddev_samp(value) AS stddev_value
FROM v_samples WHERE status = 'ok'
GROUP BY ALL;

-- Which measurements failed, and why?
CREATE OR REPLACE VIEW v_failures AS
SELECT job_id, runtime, go_version, project_size, metric, variant, iteration, error, measured_at
FROM v_samples WHERE status = 'failed';

-- What ran, where, on which machine, with how many ok and failed samples?
CREATE OR REPLACE VIEW v_runs AS
SELECT r.*,
       (SELECT count(*) FROM samples s WHERE s.run_id = r.run_id AND s.status = 'ok') AS ok_samples,
       (SELECT count(*) FROM samples s WHERE s.run_id = r.run_id AND s.status = 'failed') AS failed_samples
FROM runs r;

-- Which metrics does probelab measure, in which unit, in which family, and which way is better?
CREATE OR REPLACE VIEW v_metrics AS
SELECT metric, family, unit, display_name, better, presence, phases, description
FROM metric_catalog ORDER BY position;
