package io.checkpointkit.decorators;

import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointStore;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A store that stops calling its delegate while the delegate keeps failing, so that callers
 * fail fast instead of piling up on a backend that is down.
 *
 * <ul>
 *   <li><b>CLOSED</b>: calls go through; their outcomes fill a count-based sliding window of
 *       {@link CircuitBreakerConfig#slidingWindowSize()} calls. Once the window holds at least
 *       {@link CircuitBreakerConfig#minimumCalls()} outcomes and the failure rate reaches
 *       {@link CircuitBreakerConfig#failureRateThreshold()}, the circuit opens.
 *   <li><b>OPEN</b>: every call throws {@link CircuitOpenException} (whose
 *       {@link CircuitOpenException#retryAt() retryAt} says when trials start) without touching
 *       the delegate, for {@link CircuitBreakerConfig#waitInOpen()}.
 *   <li><b>HALF_OPEN</b>: {@link CircuitBreakerConfig#permittedTrialCalls()} trial calls go
 *       through at once, the rest are rejected; when that many trials have succeeded the
 *       circuit closes with an empty window, and a trial that fails reopens it.
 * </ul>
 *
 * <p>What an outcome is: a failure when the exception counts (see {@link CircuitBreakerConfig});
 * a success when the call returned, or the store answered with an exception that does not count
 * (a {@link CheckpointConflictException}, a corrupted checkpoint, any other exception not
 * configured to count); not recorded at all for {@link IllegalArgumentException},
 * {@link NullPointerException}, {@link IllegalStateException},
 * {@link UnsupportedOperationException} and {@link Error}s, which say nothing about the
 * backend (in HALF_OPEN such a trial gives its permit back). A {@code CircuitOpenException}
 * from an inner breaker is a {@code CheckpointStoreUnavailableException} and counts by default:
 * to this breaker the store is unavailable.
 *
 * <p>Every operation but {@link #capabilities()} and {@link #close()} goes through the
 * breaker; those two always reach the delegate. No lock is held while the delegate is called:
 * state changes are compare-and-set on one reference, and the window is lock-free.
 *
 * <pre>{@code
 * CircuitBreakingCheckpointStore store = CircuitBreakingCheckpointStore.wrap(backend,
 *         CircuitBreakerConfig.builder().failureRateThreshold(0.5).slidingWindowSize(20)
 *                 .minimumCalls(10).waitInOpen(Duration.ofSeconds(30)).permittedTrialCalls(3).build());
 * store.addListener((from, to, at) -> log.info("breaker {} -> {}", from, to));
 * }</pre>
 */
public final class CircuitBreakingCheckpointStore extends InterceptingCheckpointStore {

    private static final int MAX_CAUSE_DEPTH = 16;

    private final CircuitBreakerConfig config;
    private final CircuitStateMachine machine;

    private CircuitBreakingCheckpointStore(CheckpointStore delegate, CircuitBreakerConfig config) {
        super(delegate);
        this.config = config;
        this.machine = new CircuitStateMachine(config);
    }

    /**
     * Wraps a store in a circuit breaker, which starts CLOSED.
     *
     * @param store the store to protect
     * @param config the settings
     * @return the breaker
     * @throws NullPointerException if an argument is null
     */
    public static CircuitBreakingCheckpointStore wrap(CheckpointStore store, CircuitBreakerConfig config) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(config, "config must not be null");
        return new CircuitBreakingCheckpointStore(store, config);
    }

    /** The settings this breaker was made with. */
    public CircuitBreakerConfig config() {
        return config;
    }

    /**
     * The state now. An OPEN circuit whose wait is over moves to HALF_OPEN on this call (and
     * tells the listeners), just as the next store call would.
     */
    public CircuitState state() {
        return machine.state();
    }

    /** A snapshot of the counters, for metrics. */
    public CircuitBreakerStats stats() {
        return machine.stats();
    }

    /**
     * Adds a listener for state transitions, after those of the configuration.
     *
     * @param listener the listener
     * @throws NullPointerException if {@code listener} is null
     */
    public void addListener(CircuitBreakerListener listener) {
        machine.addListener(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /**
     * Removes a listener added here or in the configuration.
     *
     * @param listener the listener
     * @return true when it was registered
     */
    public boolean removeListener(CircuitBreakerListener listener) {
        return machine.removeListener(listener);
    }

    @Override
    public String toString() {
        return "CircuitBreakingCheckpointStore[" + machine.state() + ", " + delegate() + ']';
    }

    /**
     * Runs the call through the breaker.
     *
     * @throws CircuitOpenException when the circuit rejects the call, without calling the store
     */
    @Override
    protected <T> T intercept(StoreOperation operation, Supplier<T> call) {
        CircuitStateMachine.Period period = machine.acquire();
        T result;
        try {
            result = call.get();
        } catch (Throwable failure) {
            record(period, failure);
            throw failure;
        }
        machine.onSuccess(period);
        return result;
    }

    private void record(CircuitStateMachine.Period period, Throwable failure) {
        if (isIgnored(failure)) {
            machine.onIgnored(period);
        } else if (counts(failure)) {
            machine.onFailure(period);
        } else {
            machine.onSuccess(period);
        }
    }

    private static boolean isIgnored(Throwable failure) {
        return failure instanceof IllegalArgumentException
                || failure instanceof NullPointerException
                || failure instanceof IllegalStateException
                || failure instanceof UnsupportedOperationException
                || failure instanceof Error;
    }

    private boolean counts(Throwable failure) {
        if (failure instanceof CheckpointConflictException) {
            return false;
        }
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            for (Class<? extends Throwable> type : config.recordExceptions()) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }
}
