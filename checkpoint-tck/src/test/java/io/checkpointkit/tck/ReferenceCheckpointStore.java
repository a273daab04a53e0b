package io.checkpointkit.tck;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small, obviously correct store: one map, which is also the lock. It implements only the five operations,
 * {@code executions}, {@code clearIfIdleSince} and {@code close}, so the SPI's default fast paths run under
 * the kit too. Write times are kept per store object (a reopened store starts without them).
 * The broken fixtures override one method each.
 */
class ReferenceCheckpointStore implements CheckpointStore {

    /** The data, and the lock of every operation; stores made on the same map share it. */
    final Map<String, Checkpoint> byId;
    private volatile boolean closed;
    /** When each execution of each data map was last saved or deleted from; by map identity. */
    private static final Map<Map<String, Checkpoint>, Map<String, Instant>> WRITE_TIMES = new IdentityHashMap<>();
    /** When each execution was last saved or deleted from; guarded by byId, shared like it. */
    private final Map<String, Instant> lastWrites;

    ReferenceCheckpointStore() {
        this(new HashMap<>());
    }

    /** A store on the given data, as if it were a database: for reopen and shared stores. */
    ReferenceCheckpointStore(Map<String, Checkpoint> data) {
        this.byId = data;
        synchronized (WRITE_TIMES) {
            this.lastWrites = WRITE_TIMES.computeIfAbsent(data, d -> new HashMap<>());
        }
    }

    /** Records a write to an execution now; under the byId lock. */
    void written(String executionId) {
        lastWrites.put(executionId, Instant.now());
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the store is closed: " + this);
        }
    }

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        synchronized (byId) {
            Objects.requireNonNull(checkpoint, "checkpoint must not be null");
            requireOpen();
            Checkpoint stored = byId.get(checkpoint.id());
            if (stored != null && !stored.executionId().equals(checkpoint.executionId())) {
                throw new CheckpointConflictException(checkpoint.id() + " belongs to another execution");
            }
            long storedVersion = stored == null ? 0 : stored.version();
            if (checkpoint.version() != 0 && checkpoint.version() != storedVersion) {
                throw new CheckpointConflictException(checkpoint.id() + " is at version " + storedVersion
                        + ", not " + checkpoint.version());
            }
            Checkpoint saved = checkpoint.withVersion(storedVersion + 1);
            byId.put(saved.id(), saved);
            written(saved.executionId());
            return saved;
        }
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        synchronized (byId) {
            Ids.requireValid(checkpointId, "checkpointId");
            requireOpen();
            return Optional.ofNullable(byId.get(checkpointId));
        }
    }

    @Override
    public List<Checkpoint> list(String executionId) {
        synchronized (byId) {
            Ids.requireValid(executionId, "executionId");
            requireOpen();
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
        synchronized (byId) {
            Ids.requireValid(checkpointId, "checkpointId");
            requireOpen();
            Checkpoint removed = byId.remove(checkpointId);
            if (removed != null) {
                written(removed.executionId());
            }
            return removed != null;
        }
    }

    @Override
    public int clear(String executionId) {
        synchronized (byId) {
            Ids.requireValid(executionId, "executionId");
            requireOpen();
            int before = byId.size();
            byId.values().removeIf(c -> c.executionId().equals(executionId));
            lastWrites.remove(executionId);
            return before - byId.size();
        }
    }

    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        synchronized (byId) {
            Ids.requireValid(executionId, "executionId");
            Objects.requireNonNull(cutoff, "cutoff must not be null");
            requireOpen();
            Instant lastWrite = lastWrites.get(executionId);
            if (lastWrite != null && !lastWrite.isBefore(cutoff)) {
                return 0;
            }
            return clear(executionId);
        }
    }

    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        synchronized (byId) {
            if (afterExecutionId != null) {
                Ids.requireValid(afterExecutionId, "afterExecutionId");
            }
            Arguments.requireAtLeast(limit, 1, "limit");
            requireOpen();
            TreeMap<String, ExecutionInfo> executions = new TreeMap<>(Ids::compare);
            for (Checkpoint c : byId.values()) {
                ExecutionInfo seen = executions.get(c.executionId());
                long count = seen == null ? 1 : seen.checkpointCount() + 1;
                Instant last = seen == null || c.timestamp().isAfter(seen.lastTimestamp())
                        ? c.timestamp() : seen.lastTimestamp();
                executions.put(c.executionId(), new ExecutionInfo(c.executionId(), count, last,
                        lastWrites.getOrDefault(c.executionId(), last)));
            }
            Map<String, ExecutionInfo> after = afterExecutionId == null
                    ? executions : executions.tailMap(afterExecutionId, false);
            List<ExecutionInfo> page = new ArrayList<>();
            for (ExecutionInfo info : after.values()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(info);
            }
            return ExecutionPage.of(page, limit);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
