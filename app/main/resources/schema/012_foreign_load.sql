-- Probelab schema, part 12: the competition a run met. The load average counts the job's own builds and servers, so it
-- was high on every run; these count only CPU time of processes outside the job and the engines (probe.ForeignCpu),
-- summed over the run's measured iterations, which is what the busy-machine diagnostic reads. Idempotent (see 001).
ALTER TABLE runs ADD COLUMN IF NOT EXISTS foreign_cpu_ticks    BIGINT;   -- CPU ticks of processes outside the job, over its iterations
ALTER TABLE runs ADD COLUMN IF NOT EXISTS cpu_ticks            BIGINT;   -- all CPUs' ticks over the same iterations (/proc/stat)
ALTER TABLE runs ADD COLUMN IF NOT EXISTS foreign_cpu_pct_max  DOUBLE;   -- the highest foreign share of the machine in one iteration
ALTER TABLE runs ADD COLUMN IF NOT EXISTS foreign_busiest      VARCHAR;  -- name[pid] of the foreign process that used most in that iteration
