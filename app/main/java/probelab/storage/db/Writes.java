package probelab.storage.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The one way the storage classes write, beside {@link Reads}: bind the arguments, run, map failures once (a write
 * the file system refuses, a full disk, makes the database read-only: {@link Database#writeFailed}). A single
 * statement commits at once (a job killed mid-way keeps what it wrote); a {@link #inTransaction transaction} commits
 * whole or not at all.
 */
public final class Writes {
    private Writes() {
    }

    /** Work on one connection (inside a transaction, or one write). */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection conn) throws SQLException;
    }

    /**
     * Runs one INSERT, UPDATE or DELETE with {@code args} on a connection of its own; returns the rows it changed. A
     * failure is a StorageException saying "cannot {@code what}".
     */
    public static int update(Database db, String what, String sql, Object... args) {
        return write(db, what, conn -> update(conn, sql, args));
    }

    /**
     * Runs {@code work} on a connection of its own, as every write does: refused once a write fault made the database
     * read-only, a failure mapped once ({@link Database#writeFailed}), and readers told the data changed.
     */
    public static <T> T write(Database db, String what, Work<T> work) {
        db.requireWritable();
        try (Connection conn = db.connect()) {
            return work.run(conn);
        } catch (SQLException e) {
            throw db.writeFailed(what, e);
        } finally {
            db.changed();
        }
    }

    /** Runs one statement with {@code args} on {@code conn} (inside a transaction's work); returns the rows it changed. */
    public static int update(Connection conn, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }

    /**
     * Runs {@code work} in one transaction on a connection of its own: committed when it returns, rolled back when it
     * throws. A database failure is a StorageException saying "cannot {@code what}"; other exceptions pass unchanged.
     */
    public static <T> T inTransaction(Database db, String what, Work<T> work) {
        return write(db, what, conn -> inTransaction(conn, work));
    }

    /** Runs {@code work} in one transaction on {@code conn}, then gives the connection back in the commit mode it had. */
    public static <T> T inTransaction(Connection conn, Work<T> work) throws SQLException {
        boolean auto = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            T result = work.run(conn);
            conn.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(auto);
        }
    }

    /** An Instant as the TIMESTAMP the tables hold (UTC, no zone); null stays null. */
    public static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    }
}
