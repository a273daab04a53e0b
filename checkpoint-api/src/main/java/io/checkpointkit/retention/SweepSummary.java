package io.checkpointkit.retention;

import io.checkpointkit.UnreadableExecution;

import java.util.List;
import java.util.Objects;

/**
 * What one {@link RetentionSweeper#sweepOnce()} did (or, in a dry run, would do).
 *
 * @param executionsScanned executions the sweep looked at (not counting unreadable ones)
 * @param executionsTrimmed executions from which trimming removed at least one checkpoint
 * @param executionsCleared idle executions cleared
 * @param checkpointsRemoved checkpoints removed by trimming and clearing
 * @param failures executions (or pages of executions) whose trim, clear or listing threw
 * @param complete true when the sweep reached the last execution; false when it stopped early
 *     (the sweeper was closed, or listing a page of executions failed). Executions the store
 *     could not read do not make a sweep incomplete: it goes on past them.
 * @param executionsUnreadable executions the store listed as unreadable
 *     ({@link io.checkpointkit.ExecutionPage#unreadable()}); the sweep went on past them
 * @param unreadable the first {@link #MAX_UNREADABLE_LISTED} of them, with the reason, in the
 *     order met; every one is also told to the sweeper's {@link SweepListener}
 */
public record SweepSummary(
        long executionsScanned,
        long executionsTrimmed,
        long executionsCleared,
        long checkpointsRemoved,
        long failures,
        boolean complete,
        long executionsUnreadable,
        List<UnreadableExecution> unreadable) {

    /** How many unreadable executions a summary lists at most: 100. */
    public static final int MAX_UNREADABLE_LISTED = 100;

    /** @throws NullPointerException if {@code unreadable} is null */
    public SweepSummary {
        unreadable = List.copyOf(Objects.requireNonNull(unreadable, "unreadable must not be null"));
    }

    /** A summary of a sweep that met no unreadable execution. */
    public SweepSummary(long executionsScanned, long executionsTrimmed, long executionsCleared,
            long checkpointsRemoved, long failures, boolean complete) {
        this(executionsScanned, executionsTrimmed, executionsCleared, checkpointsRemoved, failures, complete,
                0, List.of());
    }
}
