-- Probelab schema, part 10: scenarios. A run measures one runtime, Go version and size in one scenario (the load,
-- the container's limits, the network path: catalog/Scenario); runs from before scenarios existed are 'default'.
-- Server-side figures a scenario adds (CPU throttling, GC) are metrics like any other. Idempotent: runs at every start.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS scenario VARCHAR DEFAULT 'default';
UPDATE runs SET scenario = 'default' WHERE scenario IS NULL;

-- One row per measured value, with every dimension a report filters on.
CREATE OR REPLACE VIEW v_samples AS
SELECT s.run_id, r.job_id, r.runtime_id AS runtime, r.go_version, r.project_size, r.scenario,
       s.metric, s.variant, s.iteration, s.value, s.unit, s.status, s.error, s.detail,
       s.measured_at, r.cpu_model, r.cpu_cores, r.kernel, r.runtime_version
FROM samples s JOIN runs r USING (run_id);

-- What is the median (and spread) of each metric per runtime, Go version, size and scenario, over ok samples?
CREATE OR REPLACE VIEW v_metric_summary AS
SELECT runtime, go_version, project_size, scenario, metric, variant, unit,
       count(*) AS n,
       median(value) AS median_value,
       quantile_cont(value, 0.9) AS p90_value,
       min(value) AS min_value, max(value) AS max_value,
       stddev_samp(value) AS stddev_value
FROM v_samples WHERE status = 'ok'
GROUP BY ALL;

-- Which measurements failed, and why?
CREATE OR REPLACE VIEW v_failures AS
SELECT job_id, runtime, go_version, project_size, scenario, metric, variant, iteration, error, measured_at
FROM v_samples WHERE status = 'failed';

-- What ran, where, on which machine, with how many ok and failed samples?
CREATE OR REPLACE VIEW v_runs AS
SELECT r.*,
       (SELECT count(*) FROM samples s WHERE s.run_id = r.run_id AND s.status = 'ok') AS ok_samples,
       (SELECT count(*) FROM samples s WHERE s.run_id = r.run_id AND s.status = 'failed') AS failed_samples
FROM runs r;

-- Which scenarios were measured on which runtimes, and how many samples were ok, failed or not applicable?
CREATE OR REPLACE VIEW v_scenarios AS
SELECT r.scenario, r.runtime_id AS runtime, count(DISTINCT r.run_id) AS runs,
       count(*) FILTER (WHERE s.status = 'ok') AS ok_samples,
       count(*) FILTER (WHERE s.status = 'failed') AS failed_samples,
       count(*) FILTER (WHERE s.status = 'not_applicable') AS not_applicable,
       any_value(s.error) FILTER (WHERE s.status <> 'ok') AS a_reason
FROM runs r LEFT JOIN samples s USING (run_id)
GROUP BY ALL;
