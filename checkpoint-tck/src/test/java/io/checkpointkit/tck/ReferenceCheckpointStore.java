package io.checkpointkit.tck;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small, obviously correct store: one map, which is also the lock. It implements only the five operations,
 * {@code executions} and {@code close}, so the SPI's default fast paths run under the kit too.
 * The broken fixtures override one method each.
 */
class ReferenceCheckpointStore implements CheckpointStore {

    /** The data, and the lock of every operation; stores made on the same map share it. */
    final Map<String, Checkpoint> byId;
    private volatile boolean closed;

    ReferenceCheckpointStore() {
        this(new HashMap<>());
    }

    /** A store on the given data, as if it were a database: for reopen and shared stores. */
    ReferenceCheckpointStore(Map<String, Checkpoint> data) {
        this.byId = data;
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
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
            return byId.remove(checkpointId) != null;
        }
    }

    @Override
    public int clear(String executionId) {
        synchronized (byId) {
            Ids.requireValid(executionId, "executionId");
            requireOpen();
            int before = byId.size();
            byId.values().removeIf(c -> c.executionId().equals(executionId));
            return before - byId.size();
        }
    }

    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        synchronized (byId) {
            CheckpointStore.requireExecutionsArguments(afterExecutionId, limit);
            requireOpen();
            TreeMap<String, ExecutionInfo> executions = new TreeMap<>(Ids::compare);
            for (Checkpoint c : byId.values()) {
                ExecutionInfo seen = executions.get(c.executionId());
                long count = seen == null ? 1 : seen.checkpointCount() + 1;
                Instant last = seen == null || c.timestamp().isAfter(seen.lastTimestamp())
                        ? c.timestamp() : seen.lastTimestamp();
                executions.put(c.executionId(), new ExecutionInfo(c.executionId(), count, last));
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
