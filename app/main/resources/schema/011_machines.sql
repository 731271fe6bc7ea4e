-- Probelab schema, part 11: the machine as a dimension, and bundles imported from other machines. A machine has a
-- stable id (a hash of /etc/machine-id, else of its fingerprint: probelab.probe.MachineIdentity) and a name people
-- set (`./probelab machine --name NAME`, default the host name). Idempotent: runs at every start.
CREATE TABLE IF NOT EXISTS machines (
    machine_id    VARCHAR PRIMARY KEY,       -- 12 hex digits: sha256 of /etc/machine-id, or of the fingerprint below
    name          VARCHAR NOT NULL UNIQUE,   -- what the report calls it: letters, digits and . _ - (at most 64)
    os            VARCHAR,
    kernel        VARCHAR,
    cpu_model     VARCHAR,
    cpu_cores     INTEGER,
    memory_bytes  BIGINT,
    first_seen    TIMESTAMP NOT NULL         -- when this database first heard of it (UTC)
);

-- The machine this database's own probe jobs run on: one row, written by every process that opens it for writing.
CREATE TABLE IF NOT EXISTS local_machine (
    machine_id    VARCHAR PRIMARY KEY
);

-- One bundle imported into this database: its content hash (the manifest's, checked) and when, so a second import
-- of the same bundle changes nothing.
CREATE TABLE IF NOT EXISTS imports (
    bundle_sha256    VARCHAR PRIMARY KEY,    -- sha256 of the bundle's Parquet files, in their fixed order
    imported_at      TIMESTAMP NOT NULL,     -- UTC
    source_name      VARCHAR,                -- the file name or upload it came from
    manifest_json    VARCHAR NOT NULL,       -- the bundle's manifest as it was
    new_runs         BIGINT NOT NULL,        -- rows this import added (0 when everything was there already)
    new_samples      BIGINT NOT NULL
);

ALTER TABLE runs ADD COLUMN IF NOT EXISTS machine_id VARCHAR;
-- provenance of a run measured elsewhere: the hash of the bundle it arrived in; NULL when measured into this file
ALTER TABLE runs ADD COLUMN IF NOT EXISTS bundle_sha256 VARCHAR;

-- Runs from before machines existed belong to the machine their fingerprint describes. The same hash as
-- Machines.fingerprintId in Java (cpu model, cores, memory rounded to GiB, os), so the process that opens
-- this file on that machine recognises its runs and adopts them under its own id (Machines.registerLocal).
UPDATE runs SET machine_id = left(sha256(concat_ws('|', 'fingerprint', coalesce(cpu_model, ''),
        coalesce(cpu_cores::VARCHAR, ''), coalesce(round(memory_bytes / 1073741824.0)::BIGINT::VARCHAR, ''),
        coalesce(os, ''))), 12)
WHERE machine_id IS NULL;

INSERT INTO machines
SELECT machine_id, 'machine-' || left(machine_id, 6), any_value(os), any_value(kernel ORDER BY started_at DESC),
       any_value(cpu_model), any_value(cpu_cores), any_value(memory_bytes), min(started_at)
FROM runs WHERE machine_id NOT IN (SELECT machine_id FROM machines)
GROUP BY machine_id
ON CONFLICT DO NOTHING;

-- One row per measured value, with every dimension a report filters on.
CREATE OR REPLACE VIEW v_samples AS
SELECT s.run_id, r.job_id, r.runtime_id AS runtime, r.go_version, r.project_size, r.scenario,
       s.metric, s.variant, s.iteration, s.value, s.unit, s.status, s.error, s.detail,
       s.measured_at, r.cpu_model, r.cpu_cores, r.kernel, r.runtime_version, m.name AS machine, r.machine_id
FROM samples s JOIN runs r USING (run_id) LEFT JOIN machines m ON m.machine_id = r.machine_id;

-- v_metric_summary and v_failures as in 010 (machines pooled): re-created because they read v_samples, which changed.

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

-- Which machines measured the runs here, under which name and hardware, how many runs, and which is this one?
CREATE OR REPLACE VIEW v_machines AS
SELECT m.machine_id, m.name, m.os, m.kernel, m.cpu_model, m.cpu_cores, m.memory_bytes, m.first_seen,
       m.machine_id IN (SELECT machine_id FROM local_machine) AS local,
       (SELECT count(*) FROM runs r WHERE r.machine_id = m.machine_id) AS runs,
       (SELECT count(DISTINCT r.job_id) FROM runs r WHERE r.machine_id = m.machine_id) AS jobs,
       (SELECT count(*) FROM runs r WHERE r.machine_id = m.machine_id AND r.bundle_sha256 IS NOT NULL) AS imported_runs,
       (SELECT max(r.started_at) FROM runs r WHERE r.machine_id = m.machine_id) AS last_run_at
FROM machines m;
