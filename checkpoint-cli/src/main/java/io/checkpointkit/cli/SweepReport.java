package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.UnreadableExecution;
import io.checkpointkit.retention.RetentionPolicy;
import io.checkpointkit.retention.RetentionSweeper;
import io.checkpointkit.retention.SweepListener;
import java.time.Clock;

/**
 * Runs {@code trim --all} and {@code sweep} through the same {@link RetentionSweeper} that
 * applications schedule, reporting each execution's outcome to a {@link Cleanup} and the
 * progress bar through the sweeper's listener.
 */
final class SweepReport implements SweepListener {

    private final Cleanup cleanup;
    private final Progress progress;

    private SweepReport(Cleanup cleanup, Progress progress) {
        this.cleanup = cleanup;
        this.progress = progress;
    }

    /** Sweeps {@code store} once with {@code policy}, by {@code clock}, reporting as it goes. */
    static void sweep(CheckpointStore store, RetentionPolicy policy, Clock clock, boolean dryRun,
            Cleanup cleanup, Progress progress) {
        try (RetentionSweeper sweeper = RetentionSweeper.builder(store, policy).pageSize(Walk.PAGE_SIZE)
                .clock(clock).dryRun(dryRun).listener(new SweepReport(cleanup, progress)).build()) {
            sweeper.sweepOnce();
        }
    }

    @Override
    public void cleared(ExecutionInfo execution, long removed) {
        cleanup.cleared(execution.executionId(), removed);
    }

    @Override
    public void trimmed(ExecutionInfo execution, long removed) {
        cleanup.trimmed(execution.executionId(), removed);
    }

    @Override
    public void visited(ExecutionInfo execution) {
        progress.advance(1);
    }

    @Override
    public void unreadable(UnreadableExecution execution) {
        cleanup.unreadable(execution);
    }

    @Override
    public void failed(ExecutionInfo execution, RuntimeException failure) {
        cleanup.failed(execution.executionId(), failure);
    }

    @Override
    public void listingFailed(String afterExecutionId, RuntimeException failure) {
        cleanup.stoppedEarly(failure);
    }
}
