-- Probelab schema, part 8: adaptive sampling. A job's unit of scheduling is a task: one run's server families
-- (rtt, cold start, memory: one server start per iteration) or its builds. This records, per task, how far it got
-- and why it stopped, written when the job ends (a job killed with kill -9 leaves none). Idempotent (see 001).
CREATE TABLE IF NOT EXISTS run_tasks (
    run_id             VARCHAR NOT NULL,
    task               VARCHAR NOT NULL,      -- server | build
    families           VARCHAR NOT NULL,      -- the metric families it measured, e.g. rtt,cold_start,memory
    iterations         INTEGER NOT NULL,      -- stored iterations (warmups excluded)
    warmup_iterations  INTEGER NOT NULL,      -- discarded ones (server tasks only)
    measured_ms        BIGINT NOT NULL,       -- wall time of its stored iterations
    stop_reason        VARCHAR NOT NULL,      -- precision | max_runs | repeat | budget | cancelled | unusable | failing | job_failed
    half_width_pct     DOUBLE,                -- the widest 95% interval of a key series' median, as +/- % of it; NULL without an interval
    widest_series      VARCHAR,               -- that key series, metric[variant]; NULL when none yielded a value
    target_pct         DOUBLE,                -- the precision asked for; NULL when --repeat fixed the count
    PRIMARY KEY (run_id, task)
);
