-- Probelab schema, part 1: the tables. Each numbered file is a migration, applied once and recorded in
-- schema_migrations (probelab.storage.db.Schema); those up to 011 are idempotent, because adopting a database from
-- before versions were recorded runs them all again. Views are in views.sql, re-created after the migrations.
-- Units are in column names where a column holds a quantity.

-- One probe job: what was asked for and how it ended.
CREATE TABLE IF NOT EXISTS jobs (
    job_id        VARCHAR PRIMARY KEY,
    spec_json     VARCHAR NOT NULL,          -- the request: runtimes, go versions, sizes, metrics, repeat, warmup
    status        VARCHAR NOT NULL,          -- queued | running | completed | failed | cancelled | aborted
    created_at    TIMESTAMP NOT NULL,
    started_at    TIMESTAMP,
    finished_at   TIMESTAMP,
    message       VARCHAR                    -- why it failed or was aborted
);

-- One (runtime, Go version, project size) cell of a job, stamped with its environment.
CREATE TABLE IF NOT EXISTS runs (
    run_id             VARCHAR PRIMARY KEY,
    job_id             VARCHAR NOT NULL,
    runtime_id         VARCHAR NOT NULL,
    go_version         VARCHAR NOT NULL,     -- exact, e.g. 1.22.12
    project_size       VARCHAR NOT NULL,
    status             VARCHAR NOT NULL,     -- running | completed | aborted
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP,
    os                 VARCHAR,
    kernel             VARCHAR,
    cpu_model          VARCHAR,
    cpu_cores          INTEGER,
    memory_bytes       BIGINT,
    go_version_string  VARCHAR,              -- `go version` output
    runtime_version    VARCHAR,
    runtime_detail     VARCHAR,              -- how the runtime is reached (binary, context, socket)
    probelab_version   VARCHAR,
    git_commit         VARCHAR,
    workload_modules   INTEGER,
    workload_packages  INTEGER,
    workload_files     INTEGER,
    workload_lines     INTEGER,
    generator_version  VARCHAR
);

-- One measured value (or a failure to measure one). Warmup iterations are not stored.
CREATE TABLE IF NOT EXISTS samples (
    run_id        VARCHAR NOT NULL,
    metric        VARCHAR NOT NULL,          -- rtt_p50_us, cold_start_ms, build_ms, ...
    variant       VARCHAR NOT NULL,          -- '' when the metric has none; build: cold | warm | incremental
    iteration     INTEGER NOT NULL,          -- 1..repeat
    value         DOUBLE,                    -- NULL when status = 'failed'
    unit          VARCHAR NOT NULL,          -- us | ms | bytes | rps
    status        VARCHAR NOT NULL,          -- ok | failed
    error         VARCHAR,                   -- why it failed
    detail        VARCHAR,                   -- provenance, e.g. how memory was read or the process list
    measured_at   TIMESTAMP NOT NULL
);

-- One iteration's full latency distribution (HdrHistogram, compressed, values in nanoseconds).
CREATE TABLE IF NOT EXISTS latency_histograms (
    run_id            VARCHAR NOT NULL,
    iteration         INTEGER NOT NULL,
    histogram         BLOB NOT NULL,
    request_count     BIGINT NOT NULL,
    duration_micros   BIGINT NOT NULL,
    PRIMARY KEY (run_id, iteration)
);

-- The metric catalog (probelab.catalog.Metric), refilled from the code at every start: what each metric name means.
CREATE TABLE IF NOT EXISTS metric_catalog (
    metric        VARCHAR PRIMARY KEY,       -- as stored in samples.metric, e.g. rtt_p50_us
    family        VARCHAR NOT NULL,          -- rtt | cold_start | memory | build: what --metric and the report's filter name
    unit          VARCHAR NOT NULL,          -- us | ms | bytes | rps, as stored in samples.unit
    display_name  VARCHAR NOT NULL,          -- words for people, e.g. "server RSS"
    better        VARCHAR NOT NULL,          -- lower | higher: which way the metric improves
    presence      VARCHAR NOT NULL,          -- every_iteration | where_exposed (some runtimes cannot observe it)
    phases        VARCHAR[] NOT NULL,        -- leading part of samples.variant, in measuring order; [] when none
    description   VARCHAR NOT NULL,
    position      INTEGER NOT NULL           -- catalog order, the order reports list metrics in
);
