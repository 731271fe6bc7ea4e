-- Probelab schema, part 7: what distorts the numbers. The machine's load during each run (sampled at every
-- iteration, the worst kept) and its CPU frequency governor, which v_diagnostics (views.sql) reads with the rest: one
-- row per known confounder found in a run, with the evidence and the fix. Idempotent (see 001).
ALTER TABLE runs ADD COLUMN IF NOT EXISTS load_avg_1m_max  DOUBLE;   -- highest 1-minute load average seen after an iteration
ALTER TABLE runs ADD COLUMN IF NOT EXISTS steal_pct_max    DOUBLE;   -- highest share of CPU time stolen by the hypervisor during an iteration
ALTER TABLE runs ADD COLUMN IF NOT EXISTS cpu_governor     VARCHAR;  -- cpu0's scaling_governor; NULL when the machine does not expose it
