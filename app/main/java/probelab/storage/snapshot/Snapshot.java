package probelab.storage.snapshot;

import probelab.storage.db.Database;
import probelab.storage.db.Sql;
import probelab.storage.db.StorageException;
import probelab.storage.db.Writes;

import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A read-only copy of the live database, in a file beside it, for readers in other processes.
 *
 * <p>DuckDB lets one process write a file or many processes read it, never both: while probelab holds the live
 * file, an analyst's {@code duckdb} CLI cannot open it, not even read-only. The snapshot is a second file that
 * nobody writes in place. A refresh copies the live database into a new temporary file in the same directory
 * ({@code ATTACH}, {@code COPY FROM DATABASE}, {@code DETACH}, all from the process that owns the live file, so the
 * copy is one consistent transaction) and renames it over the old snapshot. The rename is atomic, so a reader
 * opening the path sees the old snapshot or the new one, never a half-written file. A reader that has the old
 * snapshot open keeps reading it: on Linux it holds the old inode, which disappears when the reader closes it.
 * Copying the live file with {@code cp} instead could catch it mid-checkpoint.
 *
 * <p>The snapshot has one table the live database lacks, {@code snapshot_meta}: when it was taken, from which file,
 * and how many samples it holds.
 *
 * <p>Each refresh also writes {@link #publicFile()}, a second file with the public part only (see
 * {@link PublicSnapshot}), copied from the new snapshot before either is renamed into place: user SQL in the sandbox
 * reads that one, and must never see share tokens or notebooks.
 */
public final class Snapshot {
    private final Database db;
    private final Path file;
    private final Path publicFile;
    private final String tmpPrefix;
    private final String publicTmpPrefix;
    private volatile Info last;

    /** {@code file} must be on the same file system as its directory's other files (it is: a sibling). */
    public Snapshot(Database db, Path file) {
        this.db = db;
        this.file = file.toAbsolutePath().normalize();
        this.publicFile = publicBeside(this.file);
        this.tmpPrefix = this.file.getFileName() + ".tmp-";
        this.publicTmpPrefix = this.publicFile.getFileName() + ".tmp-";
        // a read-only process touches no file, not even a leftover of another process
        if (!db.readOnly()) removeLeftovers();
    }

    /** Where the snapshot of {@code liveDb} lives: {@code var/probelab.duckdb} -> {@code var/probelab.snapshot.duckdb}. */
    public static Path besideLive(Path liveDb) {
        String name = liveDb.getFileName().toString();
        String stem = name.endsWith(".duckdb") ? name.substring(0, name.length() - ".duckdb".length()) : name;
        return liveDb.toAbsolutePath().resolveSibling(stem + ".snapshot.duckdb");
    }

    /** The public part: {@code var/probelab.snapshot.duckdb} -> {@code var/probelab.snapshot.public.duckdb}. */
    static Path publicBeside(Path snapshotFile) {
        String name = snapshotFile.getFileName().toString();
        String stem = name.endsWith(".duckdb") ? name.substring(0, name.length() - ".duckdb".length()) : name;
        return snapshotFile.resolveSibling(stem + ".public.duckdb");
    }

    /** A finished refresh: the file, when its data was read, its size and how long the refresh took. */
    public record Info(Path file, Instant takenAt, long sizeBytes, long refreshMillis, long sampleCount) {
    }

    public Path file() {
        return file;
    }

    /** The public part of the snapshot, which the SQL sandbox reads; written by every refresh. */
    public Path publicFile() {
        return publicFile;
    }

    /** The last refresh made by this process, if any. */
    public Optional<Info> lastRefresh() {
        return Optional.ofNullable(last);
    }

    /** The snapshot's path, refreshing it first if it (or its public part) does not exist yet. */
    public synchronized Path ensureExists() {
        boolean missing = !Files.exists(file) || !Files.exists(publicFile);
        if (missing && db.readOnly()) {
            throw new StorageException("there is no snapshot beside " + db.file() + " and a read-only server makes none; "
                    + "run ./probelab snapshot once", null);
        }
        if (missing) refresh();
        return file;
    }

    /**
     * Copies the live database to the snapshot file, atomically replacing the previous snapshot. Safe to call while
     * jobs write (the copy is one transaction) and while readers hold the old snapshot open. One refresh at a time.
     */
    public synchronized Info refresh() {
        if (db.readOnly()) throw new StorageException("a read-only database makes no snapshot", null);
        long t0 = System.nanoTime();
        Path tmp = file.resolveSibling(tmpPrefix + UUID.randomUUID());
        Path publicTmp = publicFile.resolveSibling(publicTmpPrefix + UUID.randomUUID());
        String alias = "snapshot_tmp_" + UUID.randomUUID().toString().replace("-", "");
        try (DuckDBConnection conn = db.connect(); Statement st = conn.createStatement()) {
            String live = currentDatabase(st);
            st.execute("ATTACH " + Sql.literal(tmp) + " AS " + alias);
            Instant takenAt;
            long samples;
            try {
                st.execute("BEGIN TRANSACTION");
                try {
                    takenAt = Instant.now();
                    st.execute("COPY FROM DATABASE " + Sql.identifier(live) + " TO " + alias);
                    samples = count(st, "SELECT count(*) FROM " + Sql.identifier(live) + ".main.samples");
                    st.execute("CREATE TABLE " + alias + ".main.snapshot_meta (taken_at TIMESTAMP NOT NULL, "
                            + "source_file VARCHAR NOT NULL, sample_count BIGINT NOT NULL)");
                    Writes.update(conn, "INSERT INTO " + alias + ".main.snapshot_meta VALUES (?, ?, ?)",
                            Writes.timestamp(takenAt), db.file().toString(), samples);
                    st.execute("COMMIT");
                } catch (SQLException e) {
                    st.execute("ROLLBACK");
                    throw e;
                }
            } finally {
                // DETACH checkpoints the copy and closes it; nothing is left in a .wal file
                st.execute("DETACH " + alias);
            }
            // from the finished copy, not the live file: the public part holds exactly the snapshot's data
            PublicSnapshot.write(st, tmp, publicTmp);
            Files.move(publicTmp, publicFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Info info = new Info(file, takenAt, Files.size(file), (System.nanoTime() - t0) / 1_000_000, samples);
            last = info;
            return info;
        } catch (SQLException e) {
            throw new StorageException("cannot refresh the snapshot " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException("cannot move the new snapshot into place at " + file + ": " + e, e);
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(tmp.resolveSibling(tmp.getFileName() + ".wal"));
            deleteQuietly(publicTmp);
            deleteQuietly(publicTmp.resolveSibling(publicTmp.getFileName() + ".wal"));
        }
    }

    /** Temporary files a killed process left half-written. Only the process holding the live database gets here. */
    private void removeLeftovers() {
        Path dir = file.getParent();
        if (dir == null || !Files.isDirectory(dir)) return;
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(p -> p.getFileName().toString().startsWith(tmpPrefix)
                    || p.getFileName().toString().startsWith(publicTmpPrefix)).forEach(Snapshot::deleteQuietly);
        } catch (IOException e) {
            // a leftover costs disk space only; the next refresh uses a fresh name
        }
    }

    private static String currentDatabase(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: see removeLeftovers
        }
    }
}
