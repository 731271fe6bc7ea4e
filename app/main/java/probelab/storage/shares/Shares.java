package probelab.storage.shares;

import probelab.storage.db.Database;
import probelab.storage.db.Reads;
import probelab.storage.db.Writes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Read-only share links: what each shows, and the runs that existed when it was made ({@code share_runs}).
 * Tokens are 128 bits from {@link SecureRandom}, URL-safe base64 without padding (22 characters). The database holds
 * only {@link #tokenHash(String)} of each (schema 005 says why that hash is enough), so the token exists in the
 * creator's response and in the URL alone; a link is listed and revoked by its public {@link Share#id()}.
 */
public final class Shares {
    public static final String REPORT = "report";
    public static final String NOTEBOOK = "notebook";
    private static final int TOKEN_BYTES = 16;

    private final Database db;
    private final SecureRandom random = new SecureRandom();

    public Shares(Database db) {
        this.db = db;
    }

    /** One link, without its token. {@code notebookId} is set for notebook links; {@code query} has no '?'. */
    public record Share(long id, String kind, String notebookId, String query, Instant createdAt, Instant revokedAt,
                        long frozenRuns) {
        public boolean active() {
            return revokedAt == null;
        }

        public boolean notebook() {
            return NOTEBOOK.equals(kind);
        }
    }

    /** A link just made: the only moment its token is known outside the URL. */
    public record Created(String token, Share share) {
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Tokens are what {@link #create} makes; anything else is not looked up at all. */
    public static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{22,64}");
    }

    /** What the database keys a link by: lower-case hex SHA-256 of the token, as DuckDB's {@code sha256()} writes it. */
    public static String tokenHash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Creates a link frozen to every run that exists now, in one transaction; the token is not stored. */
    public Created create(String kind, String notebookId, String query) {
        String token = newToken();
        String hash = tokenHash(token);
        Writes.inTransaction(db, "create a share link", conn -> {
            Writes.update(conn, "INSERT INTO shares (token_hash, id, kind, notebook_id, query, created_at) "
                    + "VALUES (?, nextval('share_ids'), ?, ?, ?, ?)", hash, kind, notebookId, query == null ? "" : query,
                    Writes.timestamp(Instant.now()));
            return Writes.update(conn, "INSERT INTO share_runs (token_hash, run_id) SELECT ?, run_id FROM runs", hash);
        });
        return new Created(token, find(token).orElseThrow());
    }

    /** The link, active or revoked; empty for a token that never existed. */
    public Optional<Share> find(String token) {
        if (!wellFormed(token)) return Optional.empty();
        return first(select("WHERE id = (SELECT id FROM shares WHERE token_hash = ?)", tokenHash(token)));
    }

    /** The link if it works (exists and is not revoked). */
    public Optional<Share> active(String token) {
        return find(token).filter(Share::active);
    }

    /** Every link, newest first. */
    public List<Share> list() {
        return select("ORDER BY created_at DESC, id DESC LIMIT 1000", null);
    }

    /** Revokes the link with this public id; false when there is no such active link. */
    public boolean revoke(long id) {
        return revokeWhere("id = ?", id);
    }

    /** Revokes the link this token opens; false when there is no such active link. */
    public boolean revokeToken(String token) {
        return wellFormed(token) && revokeWhere("token_hash = ?", tokenHash(token));
    }

    private boolean revokeWhere(String condition, Object arg) {
        return Writes.update(db, "revoke a share link", "UPDATE shares SET revoked_at = ? WHERE " + condition
                + " AND revoked_at IS NULL", Writes.timestamp(Instant.now()), arg) > 0;
    }

    /** How many runs exist that the token's link did not freeze: newer data the live view shows. */
    public long newerRuns(String token) {
        String sql = "SELECT count(*) FROM runs WHERE run_id NOT IN (SELECT run_id FROM share_runs WHERE token_hash = ?)";
        return Reads.query(db, Reads.NO_TIMEOUT, "compare a share link with the data", sql, List.of(tokenHash(token)), rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    /** The jobs whose runs the token's link froze (for exports, which filter by job). */
    public List<String> frozenJobs(String token) {
        String sql = "SELECT DISTINCT job_id FROM runs WHERE run_id IN "
                + "(SELECT run_id FROM share_runs WHERE token_hash = ?) ORDER BY job_id LIMIT 10000";
        return Reads.query(db, Reads.NO_TIMEOUT, "read a share link's jobs", sql, List.of(tokenHash(token)), rs -> {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        });
    }

    private static Optional<Share> first(List<Share> found) {
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<Share> select(String tail, Object arg) {
        String sql = "SELECT id, kind, notebook_id, query, created_at, revoked_at, frozen_runs FROM v_shares " + tail;
        return Reads.query(db, Reads.NO_TIMEOUT, "read share links", sql, arg == null ? List.of() : List.of(arg), rs -> {
            List<Share> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Share(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Reads.instant(rs, 5),
                        Reads.instant(rs, 6), rs.getLong(7)));
            }
            return out;
        });
    }
}
