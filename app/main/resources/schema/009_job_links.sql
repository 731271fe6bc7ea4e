-- Probelab schema, part 9: follow-up jobs. "Measure more" queues a job for the comparisons a job left undecided; its
-- samples join the report of the job it extends (a report filtered on a job shows that job and its follow-ups).
-- Idempotent (see 001).
CREATE TABLE IF NOT EXISTS job_links (
    job_id          VARCHAR PRIMARY KEY,   -- the follow-up
    extends_job_id  VARCHAR NOT NULL       -- the job whose undecided comparisons it measures more of
);
