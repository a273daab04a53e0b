package io.checkpointkit;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the default methods of {@link CheckpointStore} and the default storage steps of
 * {@link AbstractCheckpointStore} have in common, written once: the one store that implements
 * the interface directly and the one that extends the base must not drift apart.
 */
final class StoreDefaults {

    private StoreDefaults() {
    }

    /**
     * Checks the arguments of {@link CheckpointStore#executions(String, int)}.
     *
     * @throws IllegalArgumentException if {@code afterExecutionId} is not null and not a legal
     *     id, or {@code limit} is less than 1
     */
    static void requireExecutionsArguments(String afterExecutionId, int limit) {
        if (afterExecutionId != null) {
            Ids.requireValid(afterExecutionId, "afterExecutionId");
        }
        Arguments.requireAtLeast(limit, 1, "limit");
    }

    /** True when the query's limit is 0: the rule is that it returns nothing, without I/O. */
    static boolean selectsNothing(CheckpointQuery query) {
        return query.limit().orElse(-1) == 0;
    }

    /** The last of checkpoints listed in {@link Checkpoint#ORDER}. */
    static Optional<Checkpoint> latestOf(List<Checkpoint> ascending) {
        return ascending.isEmpty() ? Optional.empty() : Optional.of(ascending.get(ascending.size() - 1));
    }

    /**
     * Trims by deleting one by one: all but the newest {@code keepLatest} unpinned checkpoints.
     *
     * @param ascending every checkpoint of the execution, in {@link Checkpoint#ORDER}
     * @param delete deletes one checkpoint by id; true when it removed one
     * @return how many {@code delete} removed
     */
    static int trimByDeleting(List<Checkpoint> ascending, int keepLatest, Predicate<String> delete) {
        List<Checkpoint> unpinned = new ArrayList<>();
        for (Checkpoint c : ascending) {
            if (!c.pinned()) {
                unpinned.add(c);
            }
        }
        int removed = 0;
        for (int i = 0; i < unpinned.size() - keepLatest; i++) {
            if (delete.test(unpinned.get(i).id())) {
                removed++;
            }
        }
        return removed;
    }

    /** What a store that cannot list executions throws. */
    static UnsupportedOperationException cannotListExecutions(CheckpointStore store) {
        return new UnsupportedOperationException(store.getClass().getName() + " cannot list executions: it does not override "
                + (store instanceof AbstractCheckpointStore ? "doExecutions()" : "executions()"));
    }

    /** What a store that cannot clear an execution conditionally throws. */
    static UnsupportedOperationException cannotClearIfIdle(CheckpointStore store) {
        return new UnsupportedOperationException(store.getClass().getName()
                + " cannot clear an execution conditionally: it does not override "
                + (store instanceof AbstractCheckpointStore ? "doClearIfIdleSince()" : "clearIfIdleSince()"));
    }
}
