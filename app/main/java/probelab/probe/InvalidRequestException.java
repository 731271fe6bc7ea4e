package probelab.probe;

/**
 * A job request asks for a value outside its range, or for two that contradict each other; the message says what is
 * valid. The web answers 400 with it, the CLI exits 2.
 */
public final class InvalidRequestException extends IllegalArgumentException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
