-- Probelab schema: every view, each defined once, re-created after the table migrations (NNN_*.sql) at every open.
-- Why at every open: DuckDB binds a view's columns (SELECT r.*) when the view is created, so a view must be re-created
-- after a migration changes a table it reads, and the views must say what the running code means; it takes
-- milliseconds. A view that reads another comes after it. Each public v_* answers one question, on the comment line
-- right above it: the notebook's schema panel shows that line.

-- One row per measured value, with every dimension a report filters on.
CREATE OR REPLACE VIEW v_samples AS
SELECT s.run_id, r.job_id, r.runtime_id AS runtime, r.go_version, r.project_size, r.scenario,
       s.metric, s.variant, s.iteration, s.value, s.unit, s.status, s.error, s.detail,
       s.measured_at, r.cpu_model, r.cpu_cores, r.kernel, r.runtime_version, m.name AS machine, r.machine_id
FROM samples s JOIN runs r USING (run_id) LEFT JOIN machines m ON m.machine_id = r.machine_id;

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
       (SELECT count(*) FROM samples s WHERE s.run_id = r.run_id AND s.status = 'failed') AS failed_samples,
       (SELECT m.name FROM machines m WHERE m.machine_id = r.machine_id) AS machine
FROM runs r;

-- Which metrics does probelab measure, in which unit, in which family, and which way is better?
CREATE OR REPLACE VIEW v_metrics AS
SELECT metric, family, unit, display_name, better, presence, phases, description
FROM metric_catalog ORDER BY position;

-- What do the published articles claim, per runtime and metric?
CREATE OR REPLACE VIEW v_published_claims AS
SELECT runtime, metric, statistic, variant, qualifier, value, value_high, unit, go_version, project_size_hint,
       source_file, section, original_text, stated_environment, notes, claim_id,
       metric IN (SELECT metric FROM metric_catalog) AS probelab_metric,
       'published claim, not a measurement' AS provenance
FROM published_claims;

-- Which known confounders does a run have, what shows it, and how is it fixed?
CREATE OR REPLACE VIEW v_diagnostics AS
WITH med AS (
    SELECT s.run_id, s.metric, s.variant, median(s.value) AS v
    FROM samples s WHERE s.status = 'ok' AND s.metric IN ('cold_start_ms', 'build_ms')
    GROUP BY ALL
), fam AS (
    -- the engine family (docker, podman) whose other runs of the job are the comparison for a vfs run; columns named,
    -- not r.*, so that a later schema file adding columns to runs does not invalidate this view
    SELECT r.run_id, r.job_id, r.runtime_id, r.storage_driver, split_part(r.engine_version, ' ', 1) AS engine FROM runs r
), vfs AS (
    SELECT f.run_id, f.runtime_id,
           (SELECT v FROM med WHERE med.run_id = f.run_id AND metric = 'cold_start_ms') AS cold_ms,
           (SELECT median(m.v) FROM med m JOIN fam o ON o.run_id = m.run_id
             WHERE o.job_id = f.job_id AND o.engine = f.engine AND o.storage_driver <> 'vfs' AND m.metric = 'cold_start_ms') AS other_cold_ms,
           (SELECT min(v) FROM med WHERE med.run_id = f.run_id AND metric = 'build_ms' AND variant LIKE 'warm%') AS warm_ms,
           (SELECT median(m.v) FROM med m JOIN fam o ON o.run_id = m.run_id
             WHERE o.job_id = f.job_id AND o.engine = f.engine AND o.storage_driver <> 'vfs' AND m.metric = 'build_ms'
               AND m.variant LIKE 'warm%') AS other_warm_ms
    FROM fam f WHERE f.storage_driver = 'vfs'
)
SELECT run_id, 'vfs_storage' AS rule, 'high' AS severity,
       'storage_driver = vfs: every container copies its whole image'
         || coalesce('; cold start ' || round(cold_ms)::BIGINT || ' ms vs ' || round(other_cold_ms)::BIGINT
                     || ' ms on overlay (same engine)', '')
         || coalesce('; warm build ' || round(warm_ms)::BIGINT || ' ms vs ' || round(other_warm_ms)::BIGINT
                     || ' ms on overlay (same engine)', '') AS evidence,
       'put the engine on overlay: storage.conf [storage] driver = "overlay" (./probelab setup does it for rootless '
         || 'Podman), then podman system reset; fuse-overlayfs where native overlay is refused' AS fix
FROM vfs
UNION ALL
SELECT run_id, 'userland_proxy', 'medium',
       'userland_proxy = true (' || network_driver || '): every published-port request is copied through a proxy process',
       'compare RTT on a runtime without one (rootful Podman), or start dockerd with --userland-proxy=false; rootless '
         || 'engines always have one'
FROM runs WHERE userland_proxy
UNION ALL
SELECT run_id, 'cgroup_v1', 'low',
       'cgroup_version = 1 (' || coalesce(cgroup_driver, '?') || '): rootless engines cannot account memory, crun refuses it',
       'boot with systemd.unified_cgroup_hierarchy=1 (cgroup v2), as current distributions do'
FROM runs WHERE cgroup_version = '1'
UNION ALL
SELECT run_id, 'too_few_resources', 'high',
       cpu_cores || ' CPUs, ' || round(memory_bytes / 1073741824.0, 1) || ' GiB for size ' || project_size
         || ' (needs at least 2 CPUs and ' || need_gib || ' GiB)',
       'run on a machine with more CPUs or memory, or select a smaller size'
FROM (SELECT run_id, runtime_id, project_size, cpu_cores, memory_bytes, CASE project_size WHEN 'monorepo' THEN 8 WHEN 'large' THEN 4 WHEN 'medium' THEN 2 ELSE 1 END AS need_gib
      FROM runs)
WHERE runtime_id <> 'external' AND (cpu_cores < 2 OR memory_bytes < need_gib * 1073741824::BIGINT)
UNION ALL
SELECT run_id, 'busy_machine', 'medium',
       concat_ws(', ',
         CASE WHEN foreign_cpu_ticks > 0 THEN 'processes outside the job used ' || round(100.0 * foreign_cpu_ticks / cpu_ticks, 1)
           || '% of the CPUs during its iterations (up to ' || round(foreign_cpu_pct_max, 1) || '% in one, most: '
           || coalesce(foreign_busiest, '?') || ')' END,
         CASE WHEN 100.0 * steal_ticks / cpu_ticks > 5 OR steal_pct_max > 25 THEN 'the hypervisor stole '
           || round(100.0 * coalesce(steal_ticks, 0) / cpu_ticks, 1) || '% of the CPU time (up to ' || round(steal_pct_max, 1)
           || '% in one iteration)' END,
         CASE WHEN coalesce(cpu_ticks, 0) = 0 AND steal_pct_max > 5 THEN 'CPU steal up to ' || round(steal_pct_max, 1) || '%' END)
         || coalesce('; load average (1 min, the job''s own work included) up to ' || round(load_avg_1m_max, 2) || ' on '
           || cpu_cores || ' CPUs', ''),
       'run the job on an idle machine (nothing else building or serving), or a VM with dedicated CPUs'
-- the load average alone decides nothing: it counts the job's own builds and servers, and rose on every run
-- steal over the run (a short iteration's spike of a few percent is noise; one of over 25% is not); runs from before
-- the sums were kept (no cpu_ticks) fall back on the worst iteration's steal
FROM runs WHERE (cpu_ticks > 0 AND (100.0 * foreign_cpu_ticks / cpu_ticks > 10 OR foreign_cpu_pct_max > 50
                                    OR 100.0 * steal_ticks / cpu_ticks > 5 OR steal_pct_max > 25))
             OR (coalesce(cpu_ticks, 0) = 0 AND steal_pct_max > 5)
UNION ALL
SELECT run_id, 'cpu_frequency_scaling', 'low',
       'scaling_governor = ' || cpu_governor || ': the clock speed changes with load, so short runs read slower',
       'cpupower frequency-set -g performance for the duration of the job'
FROM runs WHERE cpu_governor IS NOT NULL AND cpu_governor <> 'performance';

-- How far did each cell's measuring get, and why did it stop?
CREATE OR REPLACE VIEW v_sampling AS
SELECT r.job_id, t.run_id, r.runtime_id AS runtime, r.go_version, r.project_size, t.task, t.families, t.iterations,
       t.warmup_iterations, t.measured_ms, t.stop_reason, t.half_width_pct, t.widest_series, t.target_pct
FROM run_tasks t JOIN runs r USING (run_id);

-- Which jobs extend which, and what they were queued for?
CREATE OR REPLACE VIEW v_job_links AS
SELECT l.job_id, l.extends_job_id, j.status, j.created_at, j.spec_json
FROM job_links l JOIN jobs j USING (job_id);

-- Which scenarios were measured on which runtimes, and how many samples were ok, failed or not applicable?
CREATE OR REPLACE VIEW v_scenarios AS
SELECT r.scenario, r.runtime_id AS runtime, count(DISTINCT r.run_id) AS runs,
       count(*) FILTER (WHERE s.status = 'ok') AS ok_samples,
       count(*) FILTER (WHERE s.status = 'failed') AS failed_samples,
       count(*) FILTER (WHERE s.status = 'not_applicable') AS not_applicable,
       any_value(s.error) FILTER (WHERE s.status <> 'ok') AS a_reason
FROM runs r LEFT JOIN samples s USING (run_id)
GROUP BY ALL;

-- Which machines measured the runs here, under which name and hardware, how many runs, and which is this one?
CREATE OR REPLACE VIEW v_machines AS
SELECT m.machine_id, m.name, m.os, m.kernel, m.cpu_model, m.cpu_cores, m.memory_bytes, m.first_seen,
       m.machine_id IN (SELECT machine_id FROM local_machine) AS local,
       (SELECT count(*) FROM runs r WHERE r.machine_id = m.machine_id) AS runs,
       (SELECT count(DISTINCT r.job_id) FROM runs r WHERE r.machine_id = m.machine_id) AS jobs,
       (SELECT count(*) FROM runs r WHERE r.machine_id = m.machine_id AND r.bundle_sha256 IS NOT NULL) AS imported_runs,
       (SELECT max(r.started_at) FROM runs r WHERE r.machine_id = m.machine_id) AS last_run_at
FROM machines m;

-- Private: the server's view of its share links (the schema panel and the public snapshot leave it out).

-- Which share links exist, what they show, how many runs they froze, and whether they still work? By public id:
-- the hash opens nothing, but it identifies a link no better than the id does, so the view leaves it out.
CREATE OR REPLACE VIEW v_shares AS
SELECT s.id, s.kind, s.notebook_id, s.query, s.created_at, s.revoked_at, s.revoked_at IS NULL AS active,
       (SELECT count(*) FROM share_runs r WHERE r.token_hash = s.token_hash) AS frozen_runs
FROM shares s;
