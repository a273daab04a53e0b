package io.checkpointkit;

/**
 * A save lost a compare-and-set (the stored version is not the expected one, or nothing is
 * stored under a non-zero expected version), or tried to move an id to another execution.
 * An expected outcome of concurrent writers, not a fault: the caller reloads and decides.
 *
 * <p>Backends make the three kinds with {@link #versionMismatch}, {@link #notStored} and
 * {@link #ownedByAnotherExecution}, so that every store says the same thing the same way.
 */
public class CheckpointConflictException extends CheckpointException {

    private static final long serialVersionUID = 1L;

    /** @param message which id and which versions or executions were in conflict */
    public CheckpointConflictException(String message) {
        super(message);
    }

    /**
     * A compare-and-set found another version stored: "checkpoint 'cp-7' was not saved with
     * expected version 3: the stored version is 4". A backend that read the stored version
     * before a concurrent writer moved it past the expected one passes the expected version as
     * {@code storedVersion}; the message then says that another writer updated it at the same
     * moment.
     *
     * @param checkpointId the id that was saved
     * @param expectedVersion the version the save expected
     * @param storedVersion the version found stored
     * @return the exception, to throw
     */
    public static CheckpointConflictException versionMismatch(String checkpointId, long expectedVersion,
            long storedVersion) {
        return new CheckpointConflictException(notSaved(checkpointId, expectedVersion)
                + (storedVersion == expectedVersion
                        ? "another writer updated it at the same moment"
                        : "the stored version is " + storedVersion));
    }

    /**
     * A compare-and-set found nothing stored: "checkpoint 'cp-7' was not saved with expected
     * version 3: nothing is stored under this id".
     *
     * @param checkpointId the id that was saved
     * @param expectedVersion the version the save expected
     * @return the exception, to throw
     */
    public static CheckpointConflictException notStored(String checkpointId, long expectedVersion) {
        return new CheckpointConflictException(notSaved(checkpointId, expectedVersion)
                + "nothing is stored under this id");
    }

    /**
     * A save under one execution of an id stored under another: "checkpoint 'cp-7' was not saved
     * under execution 'exec-b': it is stored under another execution, 'exec-a'".
     *
     * @param checkpointId the id that was saved
     * @param executionId the execution it was saved under
     * @param ownerExecutionId the execution that holds it
     * @return the exception, to throw
     */
    public static CheckpointConflictException ownedByAnotherExecution(String checkpointId, String executionId,
            String ownerExecutionId) {
        return new CheckpointConflictException(notSavedUnder(checkpointId, executionId)
                + ", '" + ownerExecutionId + "'");
    }

    /**
     * A save under one execution of an id stored under another, for a backend that does not
     * learn which: "checkpoint 'cp-7' was not saved under execution 'exec-b': it is stored under
     * another execution".
     *
     * @param checkpointId the id that was saved
     * @param executionId the execution it was saved under
     * @return the exception, to throw
     */
    public static CheckpointConflictException ownedByAnotherExecution(String checkpointId, String executionId) {
        return new CheckpointConflictException(notSavedUnder(checkpointId, executionId));
    }

    private static String notSaved(String checkpointId, long expectedVersion) {
        return "checkpoint '" + checkpointId + "' was not saved with expected version " + expectedVersion + ": ";
    }

    private static String notSavedUnder(String checkpointId, String executionId) {
        return "checkpoint '" + checkpointId + "' was not saved under execution '" + executionId
                + "': it is stored under another execution";
    }
}
