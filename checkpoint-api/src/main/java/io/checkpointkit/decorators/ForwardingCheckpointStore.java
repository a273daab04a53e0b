package io.checkpointkit.decorators;

import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionPage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A store that forwards every call, the fast paths included, to another store: the base of
 * every decorator. A decorator extends it and overrides only what it changes, so it never
 * falls back to the slow defaults of {@link CheckpointStore} by accident.
 *
 * <pre>{@code
 * final class LoggingStore extends ForwardingCheckpointStore {
 *     LoggingStore(CheckpointStore delegate) { super(delegate); }
 *     @Override public Checkpoint save(Checkpoint c) { log(c); return super.save(c); }
 * }
 * }</pre>
 *
 * <p>{@link #close()} closes the delegate.
 */
public class ForwardingCheckpointStore implements CheckpointStore {

    private final CheckpointStore delegate;

    /**
     * @param delegate the store every call goes to
     * @throws NullPointerException if {@code delegate} is null
     */
    protected ForwardingCheckpointStore(CheckpointStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /** The store every call goes to. */
    protected CheckpointStore delegate() {
        return delegate;
    }

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        return delegate.save(checkpoint);
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        return delegate.load(checkpointId);
    }

    @Override
    public List<Checkpoint> list(String executionId) {
        return delegate.list(executionId);
    }

    @Override
    public boolean delete(String checkpointId) {
        return delegate.delete(checkpointId);
    }

    @Override
    public int clear(String executionId) {
        return delegate.clear(executionId);
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        return delegate.latest(executionId);
    }

    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        return delegate.list(executionId, query);
    }

    @Override
    public int trim(String executionId, int keepLatest) {
        return delegate.trim(executionId, keepLatest);
    }

    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        return delegate.executions(afterExecutionId, limit);
    }

    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        return delegate.clearIfIdleSince(executionId, cutoff);
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + '[' + delegate + ']';
    }
}
