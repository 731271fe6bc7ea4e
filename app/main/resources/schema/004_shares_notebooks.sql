-- Probelab schema, part 4: read-only share links and user notebooks. Idempotent (see 001).

-- One read-only link /r/{token}: what it shows (a report view's query string, or a notebook) and when it was made.
-- shares and share_runs are created here in their first layout, with the token in plain text; 005 converts them
-- (on a new database too) to the layout the code uses: a SHA-256 hash of the token and a public id.
CREATE TABLE IF NOT EXISTS shares (
    token         VARCHAR PRIMARY KEY,       -- the layout before 005: the token itself
    kind          VARCHAR NOT NULL,          -- report | notebook
    notebook_id   VARCHAR,                   -- set when kind = notebook
    query         VARCHAR NOT NULL,          -- the view's canonical query string, without '?'
    created_at    TIMESTAMP NOT NULL,
    revoked_at    TIMESTAMP                  -- NULL while the link works
);

-- The runs that existed when a link was made: a shared view never shows later runs.
CREATE TABLE IF NOT EXISTS share_runs (
    token         VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL
);

-- A notebook besides the overview: an ordered list of markdown and SQL cells.
CREATE TABLE IF NOT EXISTS notebooks (
    notebook_id   VARCHAR PRIMARY KEY,
    title         VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS notebook_cells (
    cell_id       VARCHAR PRIMARY KEY,
    notebook_id   VARCHAR NOT NULL,
    position      INTEGER NOT NULL,          -- 0.. in display order
    kind          VARCHAR NOT NULL,          -- markdown | sql
    source        VARCHAR NOT NULL,          -- the markdown text or the SQL
    chart_type    VARCHAR,                   -- NULL (table only) | line | bar | scatter
    chart_x       VARCHAR,                   -- result column names for the chart
    chart_y       VARCHAR,
    chart_series  VARCHAR,
    updated_at    TIMESTAMP NOT NULL
);
