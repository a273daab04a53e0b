package io.checkpointkit.decorators;

import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionPage;

import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * The classes of the layers of a decorator chain, outermost first: {@code store}'s own class,
     * then, while a layer is a {@code ForwardingCheckpointStore}, the class of its delegate. The
     * last entry is the first layer that is not one (usually the backend). A decorator that
     * implements {@link CheckpointStore} directly ends the walk: what lies below it is not listed.
     *
     * <p>Classes, not the stores: a caller can check how a chain is built (for example that
     * nothing below an encrypting layer compresses) but cannot reach past a layer to call its
     * delegate.
     *
     * @param store the outermost store
     * @return the layers' classes, outermost first, never empty
     * @throws NullPointerException if {@code store} is null
     */
    public static List<Class<? extends CheckpointStore>> layers(CheckpointStore store) {
        Objects.requireNonNull(store, "store must not be null");
        List<Class<? extends CheckpointStore>> layers = new ArrayList<>();
        CheckpointStore layer = store;
        while (layer instanceof ForwardingCheckpointStore forwarding) {
            layers.add(forwarding.getClass());
            layer = forwarding.delegate;
        }
        layers.add(layer.getClass());
        return List.copyOf(layers);
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
