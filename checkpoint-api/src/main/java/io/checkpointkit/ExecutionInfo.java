package io.checkpointkit;

import java.time.Instant;
import java.util.Objects;

/**
 * A summary of one execution, as listed by {@link CheckpointStore#executions(String, int)}.
 *
 * @param executionId the execution
 * @param checkpointCount how many checkpoints it holds, at least 1
 * @param lastTimestamp the timestamp of its latest checkpoint
 */
public record ExecutionInfo(String executionId, long checkpointCount, Instant lastTimestamp) {

    /**
     * @throws NullPointerException if executionId or lastTimestamp is null
     * @throws IllegalArgumentException if checkpointCount is negative
     */
    public ExecutionInfo {
        Objects.requireNonNull(executionId, "executionId must not be null");
        Objects.requireNonNull(lastTimestamp, "lastTimestamp must not be null");
        if (checkpointCount < 0) {
            throw new IllegalArgumentException("checkpointCount must not be negative, was " + checkpointCount);
        }
    }
}
