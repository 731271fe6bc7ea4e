package probelab.web.common;

/** What the URL names does not exist: an unknown job id, an unknown cell. */
public final class NotFound extends RuntimeException {
    public NotFound(String message) {
        super(message);
    }
}
