package probelab.storage.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The one way the storage classes run a read: bind the arguments, hand the rows to a reader, map failures once.
 * {@link Writes} is its twin for writes. For the storage packages only (ArchitectureTest keeps it so).
 */
public final class Reads {
    /** No statement timeout: {@link #query}'s {@code timeoutSeconds} for reads that are never user-shaped. */
    public static final int NO_TIMEOUT = 0;

    private Reads() {
    }

    /** Turns the rows of a result into a value. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with {@code args}; a failure is a StorageException saying "cannot {@code what}". */
    public static <T> T query(Database db, int timeoutSeconds, String what, String sql, List<?> args, Reader<T> reader) {
        try (var conn = db.connect(); PreparedStatement ps = conn.prepareStatement(sql)) {
            if (timeoutSeconds > 0) ps.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** The first {@code limit} items, and whether there were more (the caller read {@code limit + 1}). */
    public static <T> Rows<T> bounded(List<T> items, int limit) {
        boolean truncated = items.size() > limit;
        return new Rows<>(truncated ? List.copyOf(items.subList(0, limit)) : List.copyOf(items), truncated);
    }

    /** A TIMESTAMP column (stored in UTC) as an Instant, null when NULL. */
    public static Instant instant(ResultSet rs, int col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
