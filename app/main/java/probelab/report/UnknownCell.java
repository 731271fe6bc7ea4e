package probelab.report;

/** A URL named a cell the report does not have; the web edge answers 404 with the cells it has. */
public final class UnknownCell extends RuntimeException {
    public UnknownCell(String message) {
        super(message);
    }
}
