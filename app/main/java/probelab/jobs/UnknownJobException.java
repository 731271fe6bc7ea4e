package probelab.jobs;

/** A job id that this database has never seen; the web edge answers 404. */
public final class UnknownJobException extends RuntimeException {
    public UnknownJobException(String id) {
        // the id comes from a URL: cut short so that a huge one does not come back whole
        super("there is no job '" + (id.length() > 60 ? id.substring(0, 60) + "..." : id) + "'");
    }
}
