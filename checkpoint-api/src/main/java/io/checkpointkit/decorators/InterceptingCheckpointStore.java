package io.checkpointkit.decorators;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionPage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The base of a decorator that does the same around every call of its delegate (guard it, time
 * it, count it): it writes one method, {@link #intercept}, and every operation that reaches the
 * data goes through it, named by a {@link StoreOperation}. {@link #capabilities()} and
 * {@link #close()} are forwarded without it.
 *
 * <pre>{@code
 * final class CountingStore extends InterceptingCheckpointStore {
 *     final Map<StoreOperation, LongAdder> calls = new ConcurrentHashMap<>();
 *     CountingStore(CheckpointStore delegate) { super(delegate); }
 *     @Override protected <T> T intercept(StoreOperation op, Supplier<T> call) {
 *         calls.computeIfAbsent(op, o -> new LongAdder()).increment();
 *         return call.get();
 *     }
 * }
 * }</pre>
 */
public abstract class InterceptingCheckpointStore extends ForwardingCheckpointStore {

    /**
     * @param delegate the store every call goes to
     * @throws NullPointerException if {@code delegate} is null
     */
    protected InterceptingCheckpointStore(CheckpointStore delegate) {
        super(delegate);
    }

    /**
     * Runs one call of the delegate: {@code call.get()} calls it (at most once, on this thread),
     * and what this method returns or throws is what the caller gets.
     *
     * @param operation which operation the call is
     * @param call the call of the delegate
     * @param <T> the operation's result type
     * @return the result to give the caller, normally {@code call.get()}
     */
    protected abstract <T> T intercept(StoreOperation operation, Supplier<T> call);

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        return intercept(StoreOperation.SAVE, () -> super.save(checkpoint));
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        return intercept(StoreOperation.LOAD, () -> super.load(checkpointId));
    }

    @Override
    public List<Checkpoint> list(String executionId) {
        return intercept(StoreOperation.LIST, () -> super.list(executionId));
    }

    @Override
    public boolean delete(String checkpointId) {
        return intercept(StoreOperation.DELETE, () -> super.delete(checkpointId));
    }

    @Override
    public int clear(String executionId) {
        return intercept(StoreOperation.CLEAR, () -> super.clear(executionId));
    }

    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        return intercept(StoreOperation.CLEAR_IF_IDLE, () -> super.clearIfIdleSince(executionId, cutoff));
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        return intercept(StoreOperation.LATEST, () -> super.latest(executionId));
    }

    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        return intercept(StoreOperation.QUERY, () -> super.list(executionId, query));
    }

    @Override
    public int trim(String executionId, int keepLatest) {
        return intercept(StoreOperation.TRIM, () -> super.trim(executionId, keepLatest));
    }

    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        return intercept(StoreOperation.EXECUTIONS, () -> super.executions(afterExecutionId, limit));
    }
}
