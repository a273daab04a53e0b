package io.checkpointkit;

import java.util.Objects;

/**
 * An execution that {@link CheckpointStore#executions(String, int)} found but could not read (for
 * example a per-execution file that is not a database): listed with the reason, so that a walk
 * over all executions can report it and go on past it.
 *
 * @param executionId the execution
 * @param reason why it could not be read, one line, for people
 */
public record UnreadableExecution(String executionId, String reason) {

    /** @throws NullPointerException if an argument is null */
    public UnreadableExecution {
        Objects.requireNonNull(executionId, "executionId must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }
}
