-- Probelab schema, part 5: share links keep only a hash of their token, and a public id. Idempotent: runs at every
-- start, after 004, on a database of any age.
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

-- shares is rebuilt at every start: DuckDB cannot drop a primary-key column in place, and a schema file cannot ask
-- which layout it has. UNION ALL BY NAME reads either layout with every column of both (the missing ones NULL), so
-- one SELECT converts an old table and copies a converted one unchanged. The table is small (one row per link).
-- One transaction: a crash leaves the old table as it was.
BEGIN TRANSACTION;

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

-- CASE, not coalesce: nextval runs only for rows that have no id yet, so a restart takes no ids
INSERT INTO shares_converted
SELECT coalesce(token_hash, sha256(token)), CASE WHEN id IS NULL THEN nextval('share_ids') ELSE id END,
       kind, notebook_id, query, created_at, revoked_at
FROM (SELECT * FROM (FROM shares UNION ALL BY NAME
                     SELECT NULL::VARCHAR AS token, NULL::VARCHAR AS token_hash, NULL::BIGINT AS id WHERE false)
      ORDER BY created_at);

DROP TABLE shares;
ALTER TABLE shares_converted RENAME TO shares;
COMMIT;

-- share_runs (one row per link and frozen run, so it can be large) is converted in place. DuckDB refuses to alter,
-- update and alter a table again in one transaction, so these are separate statements; each is idempotent and a
-- crash between them leaves something the next start finishes. A converted table gets an empty token column back
-- for a moment, so that the UPDATE binds on either layout.
ALTER TABLE share_runs ADD COLUMN IF NOT EXISTS token_hash VARCHAR;
ALTER TABLE share_runs ADD COLUMN IF NOT EXISTS token VARCHAR;
UPDATE share_runs SET token_hash = sha256(token) WHERE token IS NOT NULL;
ALTER TABLE share_runs DROP COLUMN token;
ALTER TABLE share_runs ALTER COLUMN token_hash SET NOT NULL;

-- Which share links exist, what they show, how many runs they froze, and whether they still work? By public id:
-- the hash opens nothing, but it identifies a link no better than the id does, so the view leaves it out.
CREATE OR REPLACE VIEW v_shares AS
SELECT s.id, s.kind, s.notebook_id, s.query, s.created_at, s.revoked_at, s.revoked_at IS NULL AS active,
       (SELECT count(*) FROM share_runs r WHERE r.token_hash = s.token_hash) AS frozen_runs
FROM shares s;
