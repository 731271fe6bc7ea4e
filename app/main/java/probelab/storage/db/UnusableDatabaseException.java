package probelab.storage.db;

import java.nio.file.Path;
import java.util.Set;

/**
 * The database file cannot be used as it is: damaged, not a DuckDB file, or written by a newer probelab. Thrown
 * before anything is written to it, so the file is left exactly as it was; the message says what to do.
 */
public final class UnusableDatabaseException extends StorageException {
    private UnusableDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** DuckDB could not open the file (truncated, overwritten, not a database, unreadable). */
    static UnusableDatabaseException unreadable(Path file, String duckdbMessage, Throwable cause) {
        return new UnusableDatabaseException("cannot open the database " + file + " (" + duckdbMessage.strip() + "). "
                + "If it is damaged or not a probelab database, move it aside (a new one is made at the next start) or "
                + "restore a copy, or pass --db with another file; it was left as it is", cause);
    }

    /** The file has schema versions this probelab does not know: a newer one made them. */
    static UnusableDatabaseException newer(Path file, Set<Integer> unknownVersions, int newestKnown) {
        return new UnusableDatabaseException("the database " + file + " was written by a newer probelab (schema versions "
                + unknownVersions + "; this one knows up to " + newestKnown + "): open it with that version, or pass "
                + "--db with another file; it was left as it is", null);
    }
}
