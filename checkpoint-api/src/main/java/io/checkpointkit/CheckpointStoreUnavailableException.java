package io.checkpointkit;

/**
 * The backend cannot be reached, failed, or did not answer in time. The operation may or may
 * not have taken effect; retrying a save with the same expected version is safe. The circuit
 * breaker counts these.
 */
public class CheckpointStoreUnavailableException extends CheckpointException {

    private static final long serialVersionUID = 1L;

    /** @param message what could not be reached, without passwords */
    public CheckpointStoreUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what could not be reached, without passwords
     * @param cause the driver's exception
     */
    public CheckpointStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
