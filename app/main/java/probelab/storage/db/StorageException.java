package probelab.storage.db;

/** A database operation failed; carries the statement's purpose in its message. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
