package io.checkpointkit.decorators;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;
import io.checkpointkit.UnreadableExecution;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A small in-memory store for the decorator tests, with hooks: {@link #failWith} makes every
 * call throw, {@link #onCall} runs before every call (to block on a latch or to fail one
 * operation), and {@link #calls} counts the calls that reached it. It keeps the time of each
 * execution's last write by its clock, and {@link #markUnreadable} makes {@code executions()}
 * list an execution as unreadable.
 *
 * <p>The api's tests keep this store because they can depend neither on checkpoint-memory nor on
 * checkpoint-test-support (both depend on checkpoint-api); the other modules' tests wrap a memory
 * store in checkpoint-test-support's {@code InstrumentedCheckpointStore} instead.
 */
public final class FakeStore implements CheckpointStore {

    /** Runs before each call with the operation's name and its first argument. */
    public interface Hook {
        void before(String operation, Object argument);
    }

    private final Map<String, Checkpoint> byId = new TreeMap<>(Ids::compare);
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Function<String, RuntimeException> failure;
    private volatile Hook hook = (operation, argument) -> { };
    private volatile boolean closed;
    private final Clock clock;
    /** The time of each execution's last save or delete; guarded by byId. */
    private final Map<String, Instant> lastWrites = new HashMap<>();
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    public FakeStore() {
        this(Clock.systemUTC());
    }

    public FakeStore(Clock clock) {
        this.clock = clock;
    }

    public void markUnreadable(String executionId) {
        unreadable.add(executionId);
    }

    public void failWith(Function<String, RuntimeException> failure) {
        this.failure = failure;
    }

    public void succeed() {
        this.failure = null;
    }

    public void onCall(Hook hook) {
        this.hook = hook;
    }

    public int calls() {
        return calls.get();
    }

    private void enter(String operation, Object argument) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        calls.incrementAndGet();
        hook.before(operation, argument);
        Function<String, RuntimeException> f = failure;
        if (f != null) {
            throw f.apply(operation);
        }
    }

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        enter("save", checkpoint);
        synchronized (byId) {
            Checkpoint old = byId.get(checkpoint.id());
            if (old != null && !old.executionId().equals(checkpoint.executionId())) {
                throw new CheckpointConflictException("other execution");
            }
            if (checkpoint.version() > 0 && (old == null || old.version() != checkpoint.version())) {
                throw new CheckpointConflictException("stale version");
            }
            Checkpoint stored = checkpoint.toBuilder().version(old == null ? 1 : old.version() + 1).build();
            byId.put(stored.id(), stored);
            lastWrites.put(stored.executionId(), clock.instant());
            return stored;
        }
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        Ids.requireValid(checkpointId, "checkpointId");
        enter("load", checkpointId);
        synchronized (byId) {
            return Optional.ofNullable(byId.get(checkpointId));
        }
    }

    @Override
    public List<Checkpoint> list(String executionId) {
        Ids.requireValid(executionId, "executionId");
        enter("list", executionId);
        synchronized (byId) {
            List<Checkpoint> result = new ArrayList<>();
            for (Checkpoint c : byId.values()) {
                if (c.executionId().equals(executionId)) {
                    result.add(c);
                }
            }
            result.sort(Checkpoint.ORDER);
            return result;
        }
    }

    @Override
    public boolean delete(String checkpointId) {
        Ids.requireValid(checkpointId, "checkpointId");
        enter("delete", checkpointId);
        synchronized (byId) {
            Checkpoint removed = byId.remove(checkpointId);
            if (removed != null) {
                lastWrites.put(removed.executionId(), clock.instant());
            }
            return removed != null;
        }
    }

    @Override
    public int clear(String executionId) {
        Ids.requireValid(executionId, "executionId");
        enter("clear", executionId);
        synchronized (byId) {
            int before = byId.size();
            byId.values().removeIf(c -> c.executionId().equals(executionId));
            lastWrites.remove(executionId);
            return before - byId.size();
        }
    }

    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        Ids.requireValid(executionId, "executionId");
        Objects.requireNonNull(cutoff, "cutoff");
        enter("clearIfIdleSince", executionId);
        synchronized (byId) {
            Instant lastWrite = lastWrites.get(executionId);
            if (lastWrite == null || !lastWrite.isBefore(cutoff)) {
                return 0;
            }
            int before = byId.size();
            byId.values().removeIf(c -> c.executionId().equals(executionId));
            lastWrites.remove(executionId);
            return before - byId.size();
        }
    }

    @Override
    public int trim(String executionId, int keepLatest) {
        enter("trim", executionId);
        return CheckpointStore.super.trim(executionId, keepLatest);
    }

    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        if (afterExecutionId != null) {
            Ids.requireValid(afterExecutionId, "afterExecutionId");
        }
        Arguments.requireAtLeast(limit, 1, "limit");
        enter("executions", afterExecutionId);
        Map<String, List<Checkpoint>> byExecution = new TreeMap<>(Ids::compare);
        synchronized (byId) {
            for (Checkpoint c : byId.values()) {
                byExecution.computeIfAbsent(c.executionId(), k -> new ArrayList<>()).add(c);
            }
        }
        List<ExecutionInfo> items = new ArrayList<>();
        List<UnreadableExecution> unreadableItems = new ArrayList<>();
        for (Map.Entry<String, List<Checkpoint>> e : byExecution.entrySet()) {
            if (afterExecutionId != null && Ids.compare(e.getKey(), afterExecutionId) <= 0) {
                continue;
            }
            if (items.size() + unreadableItems.size() == limit) {
                break;
            }
            if (unreadable.contains(e.getKey())) {
                unreadableItems.add(new UnreadableExecution(e.getKey(), "marked unreadable"));
                continue;
            }
            List<Checkpoint> cps = e.getValue();
            cps.sort(Checkpoint.ORDER);
            Instant lastWrite;
            synchronized (byId) {
                lastWrite = lastWrites.get(e.getKey());
            }
            items.add(new ExecutionInfo(e.getKey(), cps.size(), cps.get(cps.size() - 1).timestamp(),
                    lastWrite == null ? cps.get(cps.size() - 1).timestamp() : lastWrite));
        }
        return ExecutionPage.of(items, unreadableItems, limit);
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }
}
