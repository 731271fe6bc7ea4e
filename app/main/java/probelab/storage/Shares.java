package probelab.storage;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Read-only share links: a token, what it shows, and the runs that existed when it was made ({@code share_runs}).
 * Tokens are 128 bits from {@link SecureRandom}, URL-safe base64 without padding (22 characters).
 */
public final class Shares {
    public static final String REPORT = "report";
    public static final String NOTEBOOK = "notebook";
    private static final int TOKEN_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    public Shares(Database db) {
        this.db = db;
    }

    /** One link. {@code notebookId} is set for notebook links; {@code query} has no '?'. */
    public record Share(String token, String kind, String notebookId, String query, Instant createdAt,
                        Instant revokedAt, long frozenRuns) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Tokens are what {@link #newToken()} makes; anything else is not looked up at all. */
    public static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{22,64}");
    }

    /** Creates a link frozen to every run that exists now, in one transaction. */
    public Share create(String kind, String notebookId, String query) {
        String token = newToken();
        Instant now = Instant.now();
        try (Connection conn = db.connect()) {
            conn.setAutoCommit(false);
            try (PreparedStatement ins = conn.prepareStatement(
                    "INSERT INTO shares (token, kind, notebook_id, query, created_at) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement runs = conn.prepareStatement(
                         "INSERT INTO share_runs (token, run_id) SELECT ?, run_id FROM runs")) {
                ins.setString(1, token);
                ins.setString(2, kind);
                ins.setString(3, notebookId);
                ins.setString(4, query == null ? "" : query);
                ins.setTimestamp(5, ts(now));
                ins.executeUpdate();
                runs.setString(1, token);
                runs.executeUpdate();
                conn.commit();
            } catch (SQLException e) {
                conn.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot create a share link: " + e.getMessage(), e);
        }
        return find(token).orElseThrow();
    }

    /** The link, active or revoked; empty for a token that never existed. */
    public Optional<Share> find(String token) {
        if (!wellFormed(token)) return Optional.empty();
        List<Share> found = select("WHERE token = ?", token);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The link if it works (exists and is not revoked). */
    public Optional<Share> active(String token) {
        return find(token).filter(Share::active);
    }

    /** Every link, newest first. */
    public List<Share> list() {
        return select("ORDER BY created_at DESC LIMIT 1000", null);
    }

    /** Revokes a link; false when there is no such active link. */
    public boolean revoke(String token) {
        if (!wellFormed(token)) return false;
        try (Connection conn = db.connect();
             PreparedStatement ps = conn.prepareStatement(
                     "UPDATE shares SET revoked_at = ? WHERE token = ? AND revoked_at IS NULL")) {
            ps.setTimestamp(1, ts(Instant.now()));
            ps.setString(2, token);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StorageException("cannot revoke a share link: " + e.getMessage(), e);
        }
    }

    /** How many runs exist that the link did not freeze: newer data the live view shows. */
    public long newerRuns(String token) {
        try (Connection conn = db.connect();
             PreparedStatement ps = conn.prepareStatement(
                     "SELECT count(*) FROM runs WHERE run_id NOT IN (SELECT run_id FROM share_runs WHERE token = ?)")) {
            ps.setString(1, token);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot compare a share link with the data: " + e.getMessage(), e);
        }
    }

    /** The jobs whose runs the link froze (for exports, which filter by job). */
    public List<String> frozenJobs(String token) {
        try (Connection conn = db.connect();
             PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT job_id FROM runs WHERE run_id IN "
                     + "(SELECT run_id FROM share_runs WHERE token = ?) ORDER BY job_id LIMIT 10000")) {
            ps.setString(1, token);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read a share link's jobs: " + e.getMessage(), e);
        }
    }

    private List<Share> select(String tail, String arg) {
        String sql = "SELECT token, kind, notebook_id, query, created_at, revoked_at, frozen_runs FROM v_shares " + tail;
        try (Connection conn = db.connect(); PreparedStatement ps = conn.prepareStatement(sql)) {
            if (arg != null) ps.setString(1, arg);
            List<Share> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Share(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), rs.getLong(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read share links: " + e.getMessage(), e);
        }
    }

    static Timestamp ts(Instant i) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }

    static Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

}
