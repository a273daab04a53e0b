package io.checkpointkit.decorators;

/**
 * What one {@link RetentionSweeper#sweepOnce()} did.
 *
 * @param executionsScanned executions the sweep looked at
 * @param executionsTrimmed executions from which trimming removed at least one checkpoint
 * @param executionsCleared idle executions cleared
 * @param checkpointsRemoved checkpoints removed by trimming and clearing
 * @param failures executions (or pages of executions) whose trim, clear or listing threw
 * @param complete true when the sweep reached the last execution; false when it stopped early
 *     (the sweeper was closed, or listing a page of executions failed)
 */
public record SweepSummary(
        long executionsScanned,
        long executionsTrimmed,
        long executionsCleared,
        long checkpointsRemoved,
        long failures,
        boolean complete) {
}
