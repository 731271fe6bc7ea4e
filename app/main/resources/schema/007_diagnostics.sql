-- Probelab schema, part 7: what distorts the numbers. The machine's load during each run (sampled at every
-- iteration, the worst kept) and its CPU frequency governor, then v_diagnostics: one row per known confounder found
-- in a run, with the evidence from its samples or configuration and the fix. Idempotent: runs at every start.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS load_avg_1m_max  DOUBLE;   -- highest 1-minute load average seen after an iteration
ALTER TABLE runs ADD COLUMN IF NOT EXISTS steal_pct_max    DOUBLE;   -- highest share of CPU time stolen by the hypervisor during an iteration
ALTER TABLE runs ADD COLUMN IF NOT EXISTS cpu_governor     VARCHAR;  -- cpu0's scaling_governor; NULL when the machine does not expose it

-- v_runs again: DuckDB binds r.* when a view is created, so a view over runs must be redefined after its columns change
CREATE OR REPLACE VIEW v_runs AS
SELECT r.*,
       (SELECT count(*) FROM samples s WHERE s.run_id = r.run_id AND s.status = 'ok') AS ok_samples,
       (SELECT count(*) FROM samples s WHERE s.run_id = r.run_id AND s.status = 'failed') AS failed_samples
FROM runs r;

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
       'load average (1 min) up to ' || round(load_avg_1m_max, 2) || ' on ' || cpu_cores || ' CPUs'
         || coalesce(', CPU steal up to ' || round(steal_pct_max, 1) || '%', '') || ' during the run',
       'run the job on an idle machine (nothing else building or serving), or a VM with dedicated CPUs'
FROM runs WHERE load_avg_1m_max > cpu_cores OR steal_pct_max > 5
UNION ALL
SELECT run_id, 'cpu_frequency_scaling', 'low',
       'scaling_governor = ' || cpu_governor || ': the clock speed changes with load, so short runs read slower',
       'cpupower frequency-set -g performance for the duration of the job'
FROM runs WHERE cpu_governor IS NOT NULL AND cpu_governor <> 'performance';
