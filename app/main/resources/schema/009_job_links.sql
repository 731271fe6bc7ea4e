-- Probelab schema, part 9: follow-up jobs. "Measure more" queues a job for the comparisons a job left undecided; its
-- samples join the report of the job it extends (a report filtered on a job shows that job and its follow-ups).
-- Idempotent: runs at every start.
CREATE TABLE IF NOT EXISTS job_links (
    job_id          VARCHAR PRIMARY KEY,   -- the follow-up
    extends_job_id  VARCHAR NOT NULL       -- the job whose undecided comparisons it measures more of
);

-- Which jobs extend which, and what they were queued for?
CREATE OR REPLACE VIEW v_job_links AS
SELECT l.job_id, l.extends_job_id, j.status, j.created_at, j.spec_json
FROM job_links l JOIN jobs j USING (job_id);
