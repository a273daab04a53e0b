package io.checkpointkit.testsupport;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.decorators.ForwardingCheckpointStore;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A real store with instruments, for tests of what sits on top of a store (a decorator, a cache,
 * an integration): it counts the calls that reach it per {@link Operation}, can make calls fail
 * ({@link #failWith}), runs a hook before each call ({@link #onCall}), and can hold the next call
 * of an operation after it has done its work ({@link #holdNext}), so that a test can act while
 * that call's result is in flight.
 *
 * <pre>{@code
 * InstrumentedCheckpointStore backend = InstrumentedCheckpointStore.wrap(MemoryCheckpointStore.create());
 * CheckpointStore cached = PreloadingCheckpointStore.wrap(backend);
 * cached.latest("run-1");
 * cached.latest("run-1");
 * assertThat(backend.calls(Operation.LATEST)).isEqualTo(1);
 * backend.failWith(op -> new CheckpointStoreUnavailableException("down"), Operation.LOAD, Operation.LATEST);
 * }</pre>
 *
 * <p>Each call goes through these steps in order: it is counted, the hook runs, an injected
 * failure is thrown, the delegate is called, a hold waits. Every instrument is thread-safe and
 * may be changed while calls run. {@link #close()} closes the delegate and is not instrumented.
 */
public final class InstrumentedCheckpointStore extends ForwardingCheckpointStore {

    /** The operations that are counted, one per method of {@link CheckpointStore}. */
    public enum Operation {
        /** {@link CheckpointStore#save}. */
        SAVE,
        /** {@link CheckpointStore#load}. */
        LOAD,
        /** {@link CheckpointStore#latest}. */
        LATEST,
        /** {@link CheckpointStore#list(String)}. */
        LIST,
        /** {@link CheckpointStore#list(String, CheckpointQuery)}. */
        QUERY,
        /** {@link CheckpointStore#delete}. */
        DELETE,
        /** {@link CheckpointStore#clear}. */
        CLEAR,
        /** {@link CheckpointStore#clearIfIdleSince}. */
        CLEAR_IF_IDLE_SINCE,
        /** {@link CheckpointStore#trim}. */
        TRIM,
        /** {@link CheckpointStore#executions}. */
        EXECUTIONS
    }

    /** Runs before each call with its operation and first argument (which may be null). */
    @FunctionalInterface
    public interface Hook {
        /**
         * @param operation the operation called
         * @param argument the call's first argument: the checkpoint of a save, else the id, or
         *     the cursor (maybe null) of {@code executions}
         */
        void before(Operation operation, Object argument);
    }

    private static final Hook NO_HOOK = (operation, argument) -> { };

    private final Map<Operation, AtomicInteger> calls = new EnumMap<>(Operation.class);
    private volatile Hook hook = NO_HOOK;
    private volatile Failure failure;
    private final AtomicReference<Hold> hold = new AtomicReference<>();

    private InstrumentedCheckpointStore(CheckpointStore delegate) {
        super(delegate);
        for (Operation operation : Operation.values()) {
            calls.put(operation, new AtomicInteger());
        }
    }

    /**
     * Instruments {@code delegate}; the new store counts nothing yet, fails nothing and holds
     * nothing. Closing it closes the delegate.
     *
     * @throws NullPointerException if {@code delegate} is null
     */
    public static InstrumentedCheckpointStore wrap(CheckpointStore delegate) {
        return new InstrumentedCheckpointStore(delegate);
    }

    /** The number of calls of {@code operation} that reached this store, failed ones included. */
    public int calls(Operation operation) {
        return calls.get(Objects.requireNonNull(operation, "operation must not be null")).get();
    }

    /** The number of calls of any of the given operations that reached this store, failed ones included. */
    public int calls(Operation first, Operation... rest) {
        int sum = calls(first);
        for (Operation operation : rest) {
            sum += calls(operation);
        }
        return sum;
    }

    /** The number of calls of every operation that reached this store, failed ones included. */
    public int calls() {
        int sum = 0;
        for (AtomicInteger count : calls.values()) {
            sum += count.get();
        }
        return sum;
    }

    /**
     * From now on every call throws what {@code failure} makes for its operation, without
     * reaching the delegate (until {@link #succeed()} or another {@code failWith}).
     *
     * @throws NullPointerException if {@code failure} is null
     */
    public void failWith(Function<Operation, ? extends RuntimeException> failure) {
        this.failure = new Failure(EnumSet.allOf(Operation.class), Objects.requireNonNull(failure, "failure must not be null"));
    }

    /**
     * From now on every call of the given operations throws what {@code failure} makes for it,
     * without reaching the delegate; the other operations succeed (until {@link #succeed()} or
     * another {@code failWith}).
     *
     * @throws NullPointerException if an argument is null
     */
    public void failWith(Function<Operation, ? extends RuntimeException> failure, Operation first, Operation... rest) {
        this.failure = new Failure(EnumSet.of(first, rest), Objects.requireNonNull(failure, "failure must not be null"));
    }

    /** Stops the failures {@link #failWith} injected: calls reach the delegate again. */
    public void succeed() {
        this.failure = null;
    }

    /**
     * Runs {@code hook} before every call from now on (replacing any earlier hook), after the
     * call is counted and before an injected failure: to block on a latch, move a clock or throw.
     *
     * @throws NullPointerException if {@code hook} is null
     */
    public void onCall(Hook hook) {
        this.hook = Objects.requireNonNull(hook, "hook must not be null");
    }

    /**
     * The next call of one of the given operations will do its work on the delegate, then wait
     * (up to 10 s, else it throws {@link IllegalStateException}) until the returned hold is
     * released; calls after it are not held. A later {@code holdNext} replaces one not yet taken.
     *
     * @throws NullPointerException if an operation is null
     */
    public Hold holdNext(Operation first, Operation... rest) {
        Hold h = new Hold(EnumSet.of(first, rest));
        hold.set(h);
        return h;
    }

    /** A call held by {@link #holdNext}: the test waits until it is held, then releases it. */
    public static final class Hold {
        private static final long TIMEOUT_SECONDS = 10;

        private final Set<Operation> operations;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Hold(Set<Operation> operations) {
            this.operations = operations;
        }

        /**
         * Waits until the held call has done its work on the delegate and is waiting.
         *
         * @throws AssertionError if no such call comes within 10 s
         * @throws InterruptedException if the waiting thread is interrupted
         */
        public void awaitHeld() throws InterruptedException {
            if (!held.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the held operation never came");
            }
        }

        /** Lets the held call return (at once if it comes later). */
        public void release() {
            released.countDown();
        }

        private void hold() {
            held.countDown();
            try {
                if (!released.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the held operation");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private record Failure(Set<Operation> operations, Function<Operation, ? extends RuntimeException> make) {
    }

    private void enter(Operation operation, Object argument) {
        calls.get(operation).incrementAndGet();
        hook.before(operation, argument);
        Failure f = failure;
        if (f != null && f.operations().contains(operation)) {
            throw f.make().apply(operation);
        }
    }

    private <T> T leave(Operation operation, T result) {
        Hold h = hold.get();
        if (h != null && h.operations.contains(operation) && hold.compareAndSet(h, null)) {
            h.hold();
        }
        return result;
    }

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        enter(Operation.SAVE, checkpoint);
        return leave(Operation.SAVE, super.save(checkpoint));
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        enter(Operation.LOAD, checkpointId);
        return leave(Operation.LOAD, super.load(checkpointId));
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        enter(Operation.LATEST, executionId);
        return leave(Operation.LATEST, super.latest(executionId));
    }

    @Override
    public List<Checkpoint> list(String executionId) {
        enter(Operation.LIST, executionId);
        return leave(Operation.LIST, super.list(executionId));
    }

    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        enter(Operation.QUERY, executionId);
        return leave(Operation.QUERY, super.list(executionId, query));
    }

    @Override
    public boolean delete(String checkpointId) {
        enter(Operation.DELETE, checkpointId);
        return leave(Operation.DELETE, super.delete(checkpointId));
    }

    @Override
    public int clear(String executionId) {
        enter(Operation.CLEAR, executionId);
        return leave(Operation.CLEAR, super.clear(executionId));
    }

    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        enter(Operation.CLEAR_IF_IDLE_SINCE, executionId);
        return leave(Operation.CLEAR_IF_IDLE_SINCE, super.clearIfIdleSince(executionId, cutoff));
    }

    @Override
    public int trim(String executionId, int keepLatest) {
        enter(Operation.TRIM, executionId);
        return leave(Operation.TRIM, super.trim(executionId, keepLatest));
    }

    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        enter(Operation.EXECUTIONS, afterExecutionId);
        return leave(Operation.EXECUTIONS, super.executions(afterExecutionId, limit));
    }
}
