package io.checkpointkit.decorators;

/**
 * A snapshot of the counters of an {@link AutoTrimmingCheckpointStore}, cumulative since it was
 * made.
 *
 * @param trimsRun trims that completed
 * @param checkpointsRemoved checkpoints those trims removed
 * @param failures trims that threw
 * @param droppedRequests trims not queued because the queue was full, or dropped on close
 * @param queueDepth executions waiting for a trim now
 */
public record AutoTrimStats(
        long trimsRun,
        long checkpointsRemoved,
        long failures,
        long droppedRequests,
        int queueDepth) {
}
