package probelab.storage.db;

import java.nio.file.Path;

/**
 * A write to the database file failed in the file system (the disk is full, a quota is reached): DuckDB's own state
 * after such a failed commit cannot be trusted, so the database is reopened read-only from the file, which holds every
 * write committed before, and refuses writes until probelab starts again. The message says what happened and what to do.
 */
public final class WriteFaultException extends StorageException {
    WriteFaultException(Path file, String what, String duckdbMessage, Throwable cause) {
        super(message(file, what, duckdbMessage), cause);
    }

    /** A later write, refused for the fault {@code first} reported. */
    WriteFaultException(String first) {
        super(first, null);
    }

    /** Whether DuckDB's error is the file system refusing a write rather than a problem with the statement. */
    static boolean is(String duckdbMessage) {
        String m = String.valueOf(duckdbMessage);
        return m.contains("No space left on device") || m.contains("Disk quota exceeded") || m.contains("Could not write file");
    }

    private static String message(Path file, String what, String duckdbMessage) {
        String cause = String.valueOf(duckdbMessage);
        String full = cause.contains("No space left on device") ? "the disk that holds " + file + " is full"
                : cause.contains("Disk quota exceeded") ? "the disk quota for " + file + " is reached"
                : "a write to " + file + " failed";
        return full + " (" + cause.strip() + "), so probelab could not " + what + ". Every sample committed before is kept; "
                + "until probelab starts again it serves what is stored and changes nothing. Free space, then start it again";
    }
}
