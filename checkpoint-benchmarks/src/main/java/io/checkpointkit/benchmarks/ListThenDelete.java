package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;

import java.util.List;

/**
 * The baseline of the backends' {@code trim} benchmarks: what users write by hand without a
 * one-statement trim, and what the SPI's default {@code trim} does: one {@code list}, then one
 * {@code delete} per unpinned checkpoint dropped, oldest first.
 */
final class ListThenDelete {

    private ListThenDelete() {
    }

    /**
     * Keeps the newest {@code keepLatest} unpinned checkpoints of the execution.
     *
     * @return how many checkpoints were deleted
     */
    static int trim(CheckpointStore store, String executionId, int keepLatest) {
        List<Checkpoint> unpinned = store.list(executionId).stream().filter(c -> !c.pinned()).toList();
        int removed = 0;
        for (int i = 0; i < unpinned.size() - keepLatest; i++) {
            if (store.delete(unpinned.get(i).id())) {
                removed++;
            }
        }
        return removed;
    }
}
