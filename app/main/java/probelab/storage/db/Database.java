package probelab.storage.db;

import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * The embedded DuckDB file: opens it, brings its schema up to date ({@link Schema}: the migrations it lacks, then the
 * views), hands out per-thread connections.
 */
public final class Database implements AutoCloseable {
    private final Path file;
    /** Null between closing the instance a write fault left untrustworthy and opening it again read-only. */
    private volatile DuckDBConnection root;
    private final boolean readOnly;
    /** How many writes this process has made: what readers derived from the file is current while it stays the same. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Set<String> jobsWriting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Why writes are refused since a write failed in the file system, or null. */
    private volatile String writeFault;
    private List<String> abortedAtOpen = List.of();

    private Database(Path file, DuckDBConnection root, boolean readOnly) {
        this.file = file;
        this.root = root;
        this.readOnly = readOnly;
    }

    /**
     * Opens (creating if needed) the database at {@code file}, brings its schema up to date, and marks the jobs a
     * killed process left running as aborted: holding the write lock proves no live process runs them, and every
     * command that opens the file for writing does it, so no reader ever sees a dead job "running".
     */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            DuckDBConnection conn;
            try {
                conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            } catch (SQLException e) {
                if (DatabaseLockedException.is(e.getMessage())) throw e;
                // DuckDB refused the file itself before anything was written: damaged, foreign or unreadable
                throw UnusableDatabaseException.unreadable(file.toAbsolutePath(), String.valueOf(e.getMessage()), e);
            }
            var db = new Database(file.toAbsolutePath(), conn, false);
            try {
                Schema.apply(db.root, db.file);
                MetricCatalogTable.refill(db.root);
                db.abortedAtOpen = List.copyOf(UnfinishedJobs.abort(db));
            } catch (SQLException | RuntimeException e) {
                // closing releases the lock: a failed open leaves the file free for the next try
                try {
                    db.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            return db;
        } catch (SQLException e) {
            if (DatabaseLockedException.is(e.getMessage())) throw new DatabaseLockedException(file.toAbsolutePath(), e.getMessage(), e);
            throw new StorageException("cannot open database " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens an existing database for reading only: DuckDB's read-only mode, so nothing is written to the file, not
     * even a WAL or a checkpoint at close, and the schema is taken as it is (open it once for writing to upgrade it).
     */
    public static Database openReadOnly(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StorageException("there is no database at " + file + " to serve read-only", null);
        }
        try {
            Properties props = new Properties();
            props.setProperty("duckdb.read_only", "true");
            var conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), props);
            return new Database(file.toAbsolutePath(), conn, true);
        } catch (SQLException e) {
            throw new StorageException("cannot open database " + file + " read-only: " + e.getMessage(), e);
        }
    }

    public boolean readOnly() {
        return readOnly || writeFault != null;
    }

    /**
     * Maps a failed write: a statement's own error becomes a StorageException saying "cannot {@code what}"; a file
     * system that refused the write (a full disk) leaves DuckDB's state after the failed commit untrustworthy (a count
     * read 0 rows of 460,000 committed ones here), so the instance is closed and opened again read-only from the file,
     * which holds every committed write, and every later write is refused with the same reason.
     */
    public StorageException writeFailed(String what, SQLException e) {
        if (!WriteFaultException.is(e.getMessage())) return new StorageException("cannot " + what + ": " + e.getMessage(), e);
        WriteFaultException fault = new WriteFaultException(file, what, e.getMessage(), e);
        synchronized (this) {
            if (writeFault == null) {
                writeFault = fault.getMessage();
                DuckDBConnection old = root;
                root = null;
                try {
                    old.close();
                } catch (SQLException closing) {
                    fault.addSuppressed(closing);
                }
            }
        }
        return fault;
    }

    /**
     * A number that changes whenever this process writes to the database. Only one process can hold a DuckDB file for
     * writing, and a read-only open excludes a writer, so nothing else changes what this process reads: results
     * derived from the file can be kept while this number stays the same.
     */
    public long changes() {
        return changes.get();
    }

    /** Called after every write (committed or not: a needless refresh costs less than a stale answer). */
    public void changed() {
        changes.incrementAndGet();
    }

    /** Marks a job of this process as writing (between its start and its end) or not. */
    public void jobWriting(String jobId, boolean writing) {
        if (writing) jobsWriting.add(jobId); else jobsWriting.remove(jobId);
    }

    /** Whether a job of this process is writing now: its samples change the data several times a second. */
    public boolean jobsWriting() {
        return !jobsWriting.isEmpty();
    }

    /** Throws the write fault that made this database read-only, if there was one: before a write is tried. */
    public void requireWritable() {
        String fault = writeFault;
        if (fault != null) throw new WriteFaultException(fault);
    }

    /** The jobs this open found left running by a dead process and marked aborted (none when read-only). */
    public List<String> abortedAtOpen() {
        return abortedAtOpen;
    }

    public Path file() {
        return file;
    }

    /** A new connection to the same instance; DuckDB serialises work on one connection, so each caller gets its own. */
    public DuckDBConnection connect() {
        try {
            DuckDBConnection r = root;
            return (DuckDBConnection) (r != null ? r : reopenedReadOnly()).duplicate();
        } catch (SQLException e) {
            throw new StorageException("cannot open a connection: " + e.getMessage(), e);
        }
    }

    /**
     * The instance opened again read-only after a write fault. DuckDB opens a file once per process, in one
     * configuration: until the last connection to the old instance has closed (each is held for one operation), this
     * fails and the next caller tries again.
     */
    private synchronized DuckDBConnection reopenedReadOnly() throws SQLException {
        if (root != null) return root;
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, props);
        return root;
    }

    @Override
    public synchronized void close() {
        try {
            if (root != null) root.close();
        } catch (SQLException e) {
            throw new StorageException("cannot close database: " + e.getMessage(), e);
        }
    }
}
