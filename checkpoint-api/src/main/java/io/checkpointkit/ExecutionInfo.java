package io.checkpointkit;

import io.checkpointkit.spi.Arguments;

import java.time.Instant;
import java.util.Objects;

/**
 * A summary of one execution, as listed by {@link CheckpointStore#executions(String, int)}.
 *
 * @param executionId the execution
 * @param checkpointCount how many checkpoints it holds, at least 1
 * @param lastTimestamp the timestamp of its latest checkpoint
 * @param lastWriteTime when the store last wrote to the execution (a save, an update, a delete
 *     of one of its checkpoints), by the writing store's clock: what idleness is judged by (see
 *     {@link CheckpointStore#clearIfIdleSince}). Not the same as {@code lastTimestamp}: a resumed
 *     run may update an old checkpoint and keep its timestamp.
 */
public record ExecutionInfo(String executionId, long checkpointCount, Instant lastTimestamp, Instant lastWriteTime) {

    /**
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if checkpointCount is negative
     */
    public ExecutionInfo {
        Objects.requireNonNull(executionId, "executionId must not be null");
        Objects.requireNonNull(lastTimestamp, "lastTimestamp must not be null");
        Objects.requireNonNull(lastWriteTime, "lastWriteTime must not be null");
        Arguments.requireNotNegative(checkpointCount, "checkpointCount");
    }

    /**
     * A summary from a store that does not track write times: {@link #lastWriteTime()} is
     * {@code lastTimestamp}, the best such a store knows. Kept for backends written before write
     * times existed.
     *
     * @throws NullPointerException if executionId or lastTimestamp is null
     * @throws IllegalArgumentException if checkpointCount is negative
     */
    public ExecutionInfo(String executionId, long checkpointCount, Instant lastTimestamp) {
        this(executionId, checkpointCount, lastTimestamp, lastTimestamp);
    }
}
