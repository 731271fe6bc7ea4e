-- Probelab schema, part 5: share links keep only a hash of their token, and a public id. Idempotent (see 001): runs
-- after 004, on a database of any age.
--
-- Why a hash: a copied database file (a backup, the analysts' snapshot, a bug report) must not hand out live links.
-- The server sees the token in each request and looks the link up by hex(SHA-256(token)). The token is 128 random
-- bits from SecureRandom, so a plain, unsalted, fast hash is enough: there is no dictionary to try and no way to
-- search 2^128 values; salts and slow hashes are for passwords people choose.
--
-- A database from before this file holds plaintext tokens: shares(token PRIMARY KEY, ...) and share_runs(token,
-- run_id). Their rows are converted here so the URLs people already have keep working; afterwards no column holds a
-- token. (The converted tokens may stay in the file's free blocks until DuckDB reuses them: revoke links made before
-- the upgrade if an old copy of the file may be around. Tokens made after it never reach the database.)

-- Both tables are rebuilt: DuckDB cannot drop a primary-key column in place, nor alter, update and alter a table again
-- in one transaction (it cannot make the NOT NULL index while updates are outstanding), and a migration cannot ask
-- which layout it has. UNION ALL BY NAME reads either layout with every column of both (the missing ones NULL), so one
-- SELECT converts an old table and copies a converted one unchanged. The migration is one transaction: a crash leaves
-- the old tables as they were.

-- the public ids: short, never reused, not secret (they list and revoke links but open nothing)
CREATE SEQUENCE IF NOT EXISTS share_ids START 1;

CREATE OR REPLACE TABLE shares_converted (
    token_hash    VARCHAR PRIMARY KEY,       -- lower-case hex SHA-256 of the token (64 characters)
    id            BIGINT NOT NULL UNIQUE,    -- the public id, from share_ids
    kind          VARCHAR NOT NULL,          -- report | notebook
    notebook_id   VARCHAR,                   -- set when kind = notebook
    query         VARCHAR NOT NULL,          -- the view's canonical query string, without '?'
    created_at    TIMESTAMP NOT NULL,
    revoked_at    TIMESTAMP                  -- NULL while the link works
);

-- CASE, not coalesce: nextval runs only for rows that have no id yet, so converting again takes no ids
INSERT INTO shares_converted
SELECT coalesce(token_hash, sha256(token)), CASE WHEN id IS NULL THEN nextval('share_ids') ELSE id END,
       kind, notebook_id, query, created_at, revoked_at
FROM (SELECT * FROM (FROM shares UNION ALL BY NAME
                     SELECT NULL::VARCHAR AS token, NULL::VARCHAR AS token_hash, NULL::BIGINT AS id WHERE false)
      ORDER BY created_at);

DROP TABLE shares;
ALTER TABLE shares_converted RENAME TO shares;

-- share_runs: one row per link and frozen run, so it can be large; rebuilt once, when this migration runs.
CREATE OR REPLACE TABLE share_runs_converted (
    run_id        VARCHAR NOT NULL,
    token_hash    VARCHAR NOT NULL           -- lower-case hex SHA-256 of the link's token
);

INSERT INTO share_runs_converted
SELECT run_id, coalesce(token_hash, sha256(token))
FROM (FROM share_runs UNION ALL BY NAME
      SELECT NULL::VARCHAR AS token, NULL::VARCHAR AS token_hash, NULL::VARCHAR AS run_id WHERE false);

DROP TABLE share_runs;
ALTER TABLE share_runs_converted RENAME TO share_runs;
