-- Probelab schema, part 3: what published articles claim, kept apart from what probelab measured.
-- Rows come from datasets/published-claims.csv (schema in datasets/README.md), reloaded at every start.

-- One figure an article claims, normalised to probelab's metric names and units where it can be.
CREATE TABLE IF NOT EXISTS published_claims (
    claim_id            VARCHAR PRIMARY KEY,     -- c000-001: article number and position
    source_file         VARCHAR NOT NULL,        -- the article, a file in ../shared/seeds/
    section             VARCHAR NOT NULL,        -- the heading the figure is under, verbatim
    runtime             VARCHAR NOT NULL,        -- a probelab runtime id, or kubernetes, wsl1, unspecified, ...
    go_version          VARCHAR,
    project_size_hint   VARCHAR,                 -- tiny ... monorepo when the article says
    metric              VARCHAR NOT NULL,        -- probelab name (rtt_p99_us, cold_start_ms, ...) or a descriptive one
    statistic           VARCHAR NOT NULL,        -- mean | p95 | p99 | max | typical | unspecified | ...
    variant             VARCHAR NOT NULL,        -- what the article compared, e.g. k3s/istio-sidecar
    qualifier           VARCHAR,                 -- NULL (as stated) | approx | at_most | at_least | range
    value               DOUBLE NOT NULL,         -- in unit; the low end of a range
    value_high          DOUBLE,                  -- the high end of a range
    unit                VARCHAR NOT NULL,        -- us | ms | bytes | rps | per_s | percent | ratio | ns | count | MB/s
    original_value      VARCHAR NOT NULL,        -- the figure as printed
    original_unit       VARCHAR NOT NULL,        -- the unit it was printed in
    original_text       VARCHAR NOT NULL,        -- the quoted text that holds the figure
    stated_environment  VARCHAR,                 -- what the article says about hardware, OS, versions, load
    notes               VARCHAR
);
