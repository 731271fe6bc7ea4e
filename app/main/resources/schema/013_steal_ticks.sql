-- Probelab schema, part 13: CPU steal summed over a run's measured iterations (of runs.cpu_ticks, part 12), so that the
-- busy-machine diagnostic reads the run's share of stolen time instead of one short iteration's spike. Idempotent.
ALTER TABLE runs ADD COLUMN IF NOT EXISTS steal_ticks BIGINT;   -- ticks the hypervisor stole over the run's iterations (/proc/stat)
