package io.checkpointkit.memory;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.ExecutionInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The checkpoints of one execution, in {@link Checkpoint#ORDER}, guarded by their own lock.
 *
 * <p>Callers hold {@link #lock} (read or write) around every other method. An execution that
 * became empty is {@linkplain #retire() retired} and removed from the store's map under its
 * write lock; a writer that finds a retired one fetches (or creates) a fresh one and retries,
 * so a save never lands in an execution nobody can see.
 */
final class Execution {

    final String executionId;
    final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeSet<Checkpoint> checkpoints = new TreeSet<>(Checkpoint.ORDER);
    private boolean retired;
    /** When a save or delete last changed this execution, by the store's clock. */
    private Instant lastWrite;

    Execution(String executionId) {
        this.executionId = executionId;
    }

    void written(Instant at) {
        lastWrite = at;
    }

    /** Whether the last write was before {@code cutoff}; true for an execution never written. */
    boolean idleSince(Instant cutoff) {
        return lastWrite == null || lastWrite.isBefore(cutoff);
    }

    boolean retired() {
        return retired;
    }

    void retire() {
        retired = true;
    }

    boolean isEmpty() {
        return checkpoints.isEmpty();
    }

    int size() {
        return checkpoints.size();
    }

    void add(Checkpoint checkpoint) {
        checkpoints.add(checkpoint);
    }

    void remove(Checkpoint checkpoint) {
        checkpoints.remove(checkpoint);
    }

    Checkpoint last() {
        return checkpoints.isEmpty() ? null : checkpoints.last();
    }

    List<Checkpoint> all() {
        return new ArrayList<>(checkpoints);
    }

    /** Removes and returns every checkpoint. */
    List<Checkpoint> removeAll() {
        List<Checkpoint> removed = new ArrayList<>(checkpoints);
        checkpoints.clear();
        return removed;
    }

    /**
     * Removes all but the newest {@code keepLatest} unpinned checkpoints, walking from the newest
     * down; pinned ones are kept and not counted.
     */
    List<Checkpoint> trim(int keepLatest) {
        List<Checkpoint> removed = new ArrayList<>();
        int kept = 0;
        for (Iterator<Checkpoint> it = checkpoints.descendingIterator(); it.hasNext(); ) {
            Checkpoint c = it.next();
            if (c.pinned()) {
                continue;
            }
            if (kept < keepLatest) {
                kept++;
            } else {
                it.remove();
                removed.add(c);
            }
        }
        return removed;
    }

    /**
     * Applies a query to the range the cursors select, walking only as far as the limit needs.
     *
     * @param after the stored checkpoint of the {@code after} cursor, or null for none
     * @param before the stored checkpoint of the {@code before} cursor, or null for none
     */
    List<Checkpoint> select(CheckpointQuery query, Checkpoint after, Checkpoint before) {
        NavigableSet<Checkpoint> range = checkpoints;
        if (after != null && before != null) {
            if (Checkpoint.ORDER.compare(after, before) >= 0) {
                return new ArrayList<>();
            }
            range = checkpoints.subSet(after, false, before, false);
        } else if (after != null) {
            range = checkpoints.tailSet(after, false);
        } else if (before != null) {
            range = checkpoints.headSet(before, false);
        }
        int limit = query.limit().orElse(Integer.MAX_VALUE);
        Iterator<Checkpoint> it = query.newestFirst() ? range.descendingIterator() : range.iterator();
        List<Checkpoint> selected = new ArrayList<>();
        while (selected.size() < limit && it.hasNext()) {
            Checkpoint c = it.next();
            if (query.matchesMetadata(c)) {
                selected.add(c);
            }
        }
        return selected;
    }

    ExecutionInfo info() {
        return new ExecutionInfo(executionId, checkpoints.size(), checkpoints.last().timestamp(), lastWrite);
    }
}
