package io.checkpointkit.memory;

import io.checkpointkit.AbstractCheckpointStore;
import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.spi.Ids;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

/**
 * A {@link CheckpointStore} that keeps checkpoints in the memory of this process: for tests and
 * single-process applications. Nothing survives {@link #close()} or the process, so it declares
 * no {@link Capability}.
 *
 * <pre>{@code
 * try (CheckpointStore store = MemoryCheckpointStore.create()) {   // or CheckpointStores.open("memory:")
 *     store.save(Checkpoint.builder("exec-1").state(bytes).build());
 * }
 * }</pre>
 *
 * <p>Thread-safe without a global lock: each execution has its own lock, and loading by id takes
 * none. Costs, for an execution of {@code n} checkpoints: {@link #save}, {@link #delete} and
 * {@link #latest} O(log n); {@link #load} O(1); {@link #list(String, CheckpointQuery)} O(log n)
 * plus the checkpoints it walks (it stops at the limit); {@link #trim} and {@link #clear} touch
 * only their execution; {@link #executions} walks only the page it returns. The state bytes are
 * copied in and out ({@link Checkpoint} does it), so callers cannot change what is stored.
 *
 * <p>Every method but {@link #close()} throws {@link IllegalStateException} once the store is
 * closed; closing drops every checkpoint.
 */
public final class MemoryCheckpointStore extends AbstractCheckpointStore {

    /** Every execution that holds at least one checkpoint, ordered by id in code point order. */
    private final ConcurrentNavigableMap<String, Execution> executions = new ConcurrentSkipListMap<>(Ids::compare);
    /** Every stored checkpoint by id; written only under the write lock of its execution. */
    private final ConcurrentMap<String, Checkpoint> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    private MemoryCheckpointStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * Creates a new, empty store that times writes by the system UTC clock.
     *
     * @return the store; the caller closes it
     */
    public static MemoryCheckpointStore create() {
        return new MemoryCheckpointStore(Clock.systemUTC());
    }

    /**
     * Creates a new, empty store that times writes (for {@link #clearIfIdleSince} and
     * {@link ExecutionInfo#lastWriteTime()}) by the given clock.
     *
     * @param clock the clock of write times
     * @return the store; the caller closes it
     * @throws NullPointerException if {@code clock} is null
     */
    public static MemoryCheckpointStore create(Clock clock) {
        return new MemoryCheckpointStore(Objects.requireNonNull(clock, "clock must not be null"));
    }

    @Override
    protected Checkpoint doSave(Checkpoint checkpoint) {
        while (true) {
            requireOpen(); // also ends the retry loop when close() empties the maps meanwhile
            Execution execution = executions.computeIfAbsent(checkpoint.executionId(), Execution::new);
            Lock lock = execution.lock.writeLock();
            lock.lock();
            try {
                if (execution.retired()) {
                    continue; // emptied and removed meanwhile: save into its successor
                }
                // The id's owner is decided atomically in byId: when two executions race for one
                // id, exactly one compute sees it absent.
                Checkpoint[] previous = new Checkpoint[1];
                Checkpoint stored = byId.compute(checkpoint.id(), (id, old) -> {
                    previous[0] = old;
                    return versioned(checkpoint, old);
                });
                if (previous[0] != null) {
                    execution.remove(previous[0]);
                }
                execution.add(stored);
                execution.written(clock.instant());
                return stored;
            } finally {
                retireIfEmpty(execution); // a conflict must not leave an empty execution behind
                lock.unlock();
            }
        }
    }

    /** What {@code save} stores over {@code old}, or a conflict; runs inside {@code byId.compute}. */
    private static Checkpoint versioned(Checkpoint checkpoint, Checkpoint old) {
        if (old != null && !old.executionId().equals(checkpoint.executionId())) {
            throw CheckpointConflictException.ownedByAnotherExecution(checkpoint.id(), checkpoint.executionId(),
                    old.executionId());
        }
        long expected = checkpoint.version();
        if (expected > 0 && old == null) {
            throw CheckpointConflictException.notStored(checkpoint.id(), expected);
        }
        if (expected > 0 && old.version() != expected) {
            throw CheckpointConflictException.versionMismatch(checkpoint.id(), expected, old.version());
        }
        return checkpoint.withVersion(old == null ? 1 : old.version() + 1);
    }

    @Override
    protected Optional<Checkpoint> doLoad(String checkpointId) {
        return Optional.ofNullable(byId.get(checkpointId));
    }

    @Override
    protected List<Checkpoint> doList(String executionId) {
        return read(executionId, new ArrayList<>(), Execution::all); // a retired execution is empty
    }

    @Override
    protected boolean doDelete(String checkpointId) {
        while (true) {
            requireOpen(); // also ends the retry loop when close() empties the maps meanwhile
            Checkpoint current = byId.get(checkpointId);
            if (current == null) {
                return false;
            }
            Execution execution = executions.get(current.executionId());
            if (execution == null) {
                continue; // deleted and its execution retired meanwhile: look again
            }
            Lock lock = execution.lock.writeLock();
            lock.lock();
            try {
                if (execution.retired()) {
                    continue;
                }
                Checkpoint now = byId.get(checkpointId);
                if (now == null) {
                    return false;
                }
                if (!now.executionId().equals(execution.executionId)) {
                    continue; // deleted and saved again under another execution meanwhile
                }
                byId.remove(checkpointId);
                execution.remove(now);
                execution.written(clock.instant());
                retireIfEmpty(execution);
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    protected int doClear(String executionId) {
        return removeFrom(executionId, Execution::removeAll);
    }

    /**
     * {@inheritDoc} The check and the removal happen under the execution's write lock, which
     * every save and delete of the execution takes too.
     */
    @Override
    protected int doClearIfIdleSince(String executionId, Instant cutoff) {
        return removeFrom(executionId, execution -> execution.idleSince(cutoff) ? execution.removeAll() : List.of());
    }

    /**
     * {@inheritDoc} Takes O(log n) and no lock but the execution's read lock.
     */
    @Override
    protected Optional<Checkpoint> doLatest(String executionId) {
        return read(executionId, Optional.empty(), execution -> Optional.ofNullable(execution.last()));
    }

    /**
     * {@inheritDoc} Walks only the range the cursors select, and stops at the limit.
     */
    @Override
    protected List<Checkpoint> doList(String executionId, CheckpointQuery query) {
        return read(executionId, new ArrayList<>(), execution -> {
            Checkpoint after = null;
            Checkpoint before = null;
            if (query.after().isPresent()) {
                after = cursor(execution, query.after().get());
                if (after == null) {
                    return new ArrayList<>();
                }
            }
            if (query.before().isPresent()) {
                before = cursor(execution, query.before().get());
                if (before == null) {
                    return new ArrayList<>();
                }
            }
            return execution.select(query, after, before);
        });
    }

    /**
     * What {@code reader} reads from the execution under its read lock, or {@code absent} when
     * the execution holds nothing.
     */
    private <T> T read(String executionId, T absent, Function<Execution, T> reader) {
        Execution execution = executions.get(executionId);
        if (execution == null) {
            return absent;
        }
        Lock lock = execution.lock.readLock();
        lock.lock();
        try {
            return reader.apply(execution);
        } finally {
            lock.unlock();
        }
    }

    /** The stored checkpoint with this id when it belongs to the execution; under its lock. */
    private Checkpoint cursor(Execution execution, String checkpointId) {
        Checkpoint c = byId.get(checkpointId);
        return c != null && c.executionId().equals(execution.executionId) ? c : null;
    }

    /**
     * {@inheritDoc} Touches only this execution, under its lock.
     */
    @Override
    protected int doTrim(String executionId, int keepLatest) {
        return removeFrom(executionId, execution -> execution.trim(keepLatest));
    }

    /** Removes what {@code remover} takes out of the execution from {@code byId} too. */
    private int removeFrom(String executionId, Function<Execution, List<Checkpoint>> remover) {
        Execution execution = executions.get(executionId);
        if (execution == null) {
            return 0;
        }
        Lock lock = execution.lock.writeLock();
        lock.lock();
        try {
            // A retired execution is empty; a save that races with us goes to its successor,
            // which was created after we started and is not ours to touch.
            List<Checkpoint> removed = remover.apply(execution);
            for (Checkpoint c : removed) {
                byId.remove(c.id(), c);
            }
            retireIfEmpty(execution);
            return removed.size();
        } finally {
            lock.unlock();
        }
    }

    /** Under the execution's write lock. */
    private void retireIfEmpty(Execution execution) {
        if (execution.isEmpty() && !execution.retired()) {
            execution.retire();
            executions.remove(execution.executionId, execution);
        }
    }

    /**
     * {@inheritDoc} Walks only the executions of the page.
     */
    @Override
    protected ExecutionPage doExecutions(String afterExecutionId, int limit) {
        ConcurrentNavigableMap<String, Execution> from = afterExecutionId == null
                ? executions
                : executions.tailMap(afterExecutionId, false);
        List<ExecutionInfo> items = new ArrayList<>(Math.min(limit, 256));
        for (Execution execution : from.values()) {
            if (items.size() == limit) {
                break;
            }
            Lock lock = execution.lock.readLock();
            lock.lock();
            try {
                if (!execution.isEmpty()) {
                    items.add(execution.info());
                }
            } finally {
                lock.unlock();
            }
        }
        return ExecutionPage.of(items, limit);
    }

    /** Drops every checkpoint. */
    @Override
    protected void doClose() {
        executions.clear();
        byId.clear();
    }

    /** Names the number of executions and checkpoints held, and whether the store is closed. */
    @Override
    public String toString() {
        return "MemoryCheckpointStore{executions=" + executions.size() + ", checkpoints=" + byId.size()
                + (isClosed() ? ", closed" : "") + '}';
    }
}
