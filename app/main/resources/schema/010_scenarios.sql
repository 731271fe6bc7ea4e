-- Probelab schema, part 10: scenarios. A run measures one runtime, Go version and size in one scenario (the load,
-- the container's limits, the network path: catalog/Scenario); runs from before scenarios existed are 'default'.
-- Server-side figures a scenario adds (CPU throttling, GC) are metrics like any other. Idempotent (see 001).
ALTER TABLE runs ADD COLUMN IF NOT EXISTS scenario VARCHAR DEFAULT 'default';
UPDATE runs SET scenario = 'default' WHERE scenario IS NULL;
