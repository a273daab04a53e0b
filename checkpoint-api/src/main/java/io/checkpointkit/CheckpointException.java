package io.checkpointkit;

/**
 * The base of every exception a {@link CheckpointStore} throws on purpose. Unchecked. Messages
 * say what went wrong and never contain passwords.
 */
public class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure, or null
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
