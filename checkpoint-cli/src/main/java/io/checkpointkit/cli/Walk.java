package io.checkpointkit.cli;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.UnreadableExecution;
import io.checkpointkit.retention.RetentionSweeper;
import java.util.List;
import java.util.function.Consumer;

/**
 * Walks a store page by page, so no command holds more than one page in memory: executions by
 * the keyset pages of {@link RetentionSweeper#executions} (the walk the sweeper itself uses),
 * checkpoints by {@code after} cursors.
 */
final class Walk {

    /** The page size of every walk: the sweeper's default. */
    static final int PAGE_SIZE = RetentionSweeper.DEFAULT_PAGE_SIZE;

    private Walk() {
    }

    /** How many executions and checkpoints a store holds. */
    record Totals(long executions, long checkpoints) {
    }

    /** Counts the executions and checkpoints of a store (one pass over the keyset pages). */
    static Totals totals(CheckpointStore store) {
        long[] counts = {0, 0};
        executions(store, info -> {
            counts[0]++;
            counts[1] += info.checkpointCount();
        });
        return new Totals(counts[0], counts[1]);
    }

    /** Counts the executions of a store (one pass over the keyset pages). */
    static long countExecutions(CheckpointStore store) {
        long[] count = {0};
        executions(store, info -> count[0]++);
        return count[0];
    }

    /**
     * Calls {@code action} for every execution, in execution id order. Deleting or clearing
     * executions from the action is safe: keyset pages do not shift.
     */
    static void executions(CheckpointStore store, Consumer<ExecutionInfo> action) {
        executions(store, action, unreadable -> { });
    }

    /**
     * Calls {@code action} for every execution, in execution id order, and {@code onUnreadable}
     * for every execution the store could not read (the walk goes on past it).
     */
    static void executions(CheckpointStore store, Consumer<ExecutionInfo> action,
            Consumer<UnreadableExecution> onUnreadable) {
        for (ExecutionPage page : RetentionSweeper.executions(store, PAGE_SIZE)) {
            page.unreadable().forEach(onUnreadable);
            page.items().forEach(action);
        }
    }

    /** Calls {@code action} for every checkpoint of an execution, oldest first. */
    static void checkpoints(CheckpointStore store, String executionId, Consumer<Checkpoint> action) {
        String after = null;
        while (true) {
            CheckpointQuery.Builder query = CheckpointQuery.builder().limit(PAGE_SIZE);
            if (after != null) {
                query.after(after);
            }
            List<Checkpoint> page = store.list(executionId, query.build());
            page.forEach(action);
            if (page.size() < PAGE_SIZE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** Counts the checkpoints of an execution that are not pinned: what a trim may delete. */
    static long countUnpinned(CheckpointStore store, String executionId) {
        long[] count = {0};
        checkpoints(store, executionId, c -> {
            if (!c.pinned()) {
                count[0]++;
            }
        });
        return count[0];
    }
}
