package io.checkpointkit.springboot.autoconfigure;

import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.ExecutionPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bottom of the bean's chain: the backend store, opened at once ({@code fail-fast=true}, an
 * unreachable server stops start-up) or, with {@code fail-fast=false}, opened by the first call
 * (or health check) that finds the server up. Until then every call throws
 * {@link CheckpointStoreUnavailableException}; one warning is logged, not one per call. At most
 * one thread tries to open at a time, and calls that come meanwhile fail at once rather than
 * queue behind it, so a burst of calls during an outage neither opens a burst of pools nor waits
 * a connect timeout each.
 */
final class ConnectingCheckpointStore implements CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectingCheckpointStore.class);

    private final Supplier<CheckpointStore> opener;
    private final String description;
    private volatile CheckpointStore backend;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile boolean closed;
    private volatile CheckpointStoreUnavailableException lastFailure;
    private boolean warned;

    private ConnectingCheckpointStore(Supplier<CheckpointStore> opener, String description) {
        this.opener = opener;
        this.description = description;
    }

    /**
     * Opens the backend now.
     *
     * @throws CheckpointStoreUnavailableException if it is unreachable and {@code failFast}
     */
    static ConnectingCheckpointStore open(Supplier<CheckpointStore> opener, String description, boolean failFast) {
        ConnectingCheckpointStore store = new ConnectingCheckpointStore(opener, description);
        if (failFast) {
            store.backend = opener.get();
        } else {
            store.tryConnect();
        }
        return store;
    }

    /** Whether the backend is open. */
    boolean connected() {
        return backend != null;
    }

    /**
     * The backend, opening it if the server now answers; empty while it does not, or while
     * another thread is trying to open it.
     *
     * @throws IllegalStateException if this store is closed
     */
    Optional<CheckpointStore> tryConnect() {
        if (closed) {
            throw new IllegalStateException("the checkpoint store is closed");
        }
        CheckpointStore open = backend;
        if (open != null || !connecting.tryLock()) {
            return Optional.ofNullable(open);
        }
        try {
            if (backend == null && !closed) {
                open();
            }
            return Optional.ofNullable(backend);
        } finally {
            connecting.unlock();
        }
    }

    private void open() {
        try {
            backend = opener.get();
            if (warned) {
                LOG.info("checkpoint store {} is reachable again; connected", description);
            }
        } catch (CheckpointStoreUnavailableException e) {
            lastFailure = e;
            if (!warned) {
                warned = true;
                LOG.warn("checkpoint store {} is not reachable; starting without it and connecting once it"
                        + " answers (checkpointkit.store.fail-fast=false): {}", description, e.getMessage());
            }
        }
    }

    private CheckpointStore backend() {
        CheckpointStore open = backend;
        if (open != null) {
            return open;
        }
        return tryConnect().orElseThrow(() -> {
            CheckpointStoreUnavailableException last = lastFailure;
            return new CheckpointStoreUnavailableException("checkpoint store " + description + " is not reachable yet: "
                    + (last == null ? "connecting" : last.getMessage()), last);
        });
    }

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        return backend().save(checkpoint);
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        return backend().load(checkpointId);
    }

    @Override
    public List<Checkpoint> list(String executionId) {
        return backend().list(executionId);
    }

    @Override
    public boolean delete(String checkpointId) {
        return backend().delete(checkpointId);
    }

    @Override
    public int clear(String executionId) {
        return backend().clear(executionId);
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        return backend().latest(executionId);
    }

    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        return backend().list(executionId, query);
    }

    @Override
    public int trim(String executionId, int keepLatest) {
        return backend().trim(executionId, keepLatest);
    }

    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        return backend().executions(afterExecutionId, limit);
    }

    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        return backend().clearIfIdleSince(executionId, cutoff);
    }

    /** The backend's capabilities; none while it is not connected. */
    @Override
    public Set<Capability> capabilities() {
        CheckpointStore open = backend;
        return open == null ? Set.of() : open.capabilities();
    }

    /** Closes the backend if it was opened, after an attempt to open it that is running. Idempotent. */
    @Override
    public void close() {
        connecting.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (backend != null) {
                backend.close();
            }
        } finally {
            connecting.unlock();
        }
    }

    @Override
    public String toString() {
        CheckpointStore open = backend;
        return "ConnectingCheckpointStore[" + (open == null ? description + ", not connected" : open) + ']';
    }
}
