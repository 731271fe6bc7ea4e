-- Probelab schema, part 11: the machine as a dimension, and bundles imported from other machines. A machine has a
-- stable id (a hash of /etc/machine-id, else of its fingerprint: probelab.probe.MachineIdentity) and a name people
-- set (`./probelab machine --name NAME`, default the host name). Idempotent (see 001).
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
