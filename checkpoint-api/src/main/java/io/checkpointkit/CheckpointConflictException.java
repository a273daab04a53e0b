package io.checkpointkit;

/**
 * A save lost a compare-and-set (the stored version is not the expected one, or nothing is
 * stored under a non-zero expected version), or tried to move an id to another execution.
 * An expected outcome of concurrent writers, not a fault: the caller reloads and decides.
 */
public class CheckpointConflictException extends CheckpointException {

    private static final long serialVersionUID = 1L;

    /** @param message which id and which versions or executions were in conflict */
    public CheckpointConflictException(String message) {
        super(message);
    }
}
