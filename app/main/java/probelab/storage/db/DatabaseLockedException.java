package probelab.storage.db;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Another process holds the database's write lock (a server, or a job): says which, and what to do instead. */
public final class DatabaseLockedException extends StorageException {
    private static final Pattern HOLDER = Pattern.compile("Conflicting lock is held in (\\S+) \\(PID (\\d+)\\)");

    DatabaseLockedException(Path file, String duckdbMessage, Throwable cause) {
        super(message(file, duckdbMessage), cause);
    }

    /** True for DuckDB's "Could not set lock on file" error. */
    static boolean is(String duckdbMessage) {
        return duckdbMessage != null && duckdbMessage.contains("Could not set lock");
    }

    private static String message(Path file, String duckdbMessage) {
        Matcher m = HOLDER.matcher(String.valueOf(duckdbMessage));
        String holder = m.find() ? "process " + m.group(2) + " (" + m.group(1) + ")" : "another process";
        return "the database " + file + " is in use by " + holder + ", probably a probelab server or job: use that "
                + "server's page or API (POST /api/jobs) instead, stop it, or pass --db with another file";
    }
}
