package io.checkpointkit.springboot.autoconfigure;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.decorators.InterceptingCheckpointStore;
import io.checkpointkit.decorators.StoreOperation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code CheckpointStore} bean: the top of the chain {@link StoreChainFactory} builds. It
 * counts the calls running through it, so that closing on context shutdown first refuses new
 * calls, then waits (up to {@code checkpointkit.store.shutdown-timeout}) for the running ones to
 * return, and only then closes the chain down to the backend. It also keeps what the health
 * indicator reports: the redacted URI, the connection and the circuit breaker.
 */
final class ManagedCheckpointStore extends InterceptingCheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedCheckpointStore.class);

    private final List<CheckpointStore> layers;
    private final ConnectingCheckpointStore connection;
    private final CircuitBreakingCheckpointStore breaker;
    private final String scheme;
    private final String redactedUri;
    private final Duration shutdownTimeout;
    private final Object lock = new Object();
    private int running;
    private boolean closing;

    /**
     * @param layers the chain, outermost first, ending with the connection to the backend
     */
    ManagedCheckpointStore(List<CheckpointStore> layers, CircuitBreakingCheckpointStore breaker, String scheme,
            String redactedUri, Duration shutdownTimeout) {
        super(layers.get(0));
        this.layers = List.copyOf(layers);
        this.connection = (ConnectingCheckpointStore) layers.get(layers.size() - 1);
        this.breaker = breaker;
        this.scheme = scheme;
        this.redactedUri = redactedUri;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** The chain below this store, outermost first, ending with {@link #connection()}. */
    List<CheckpointStore> layers() {
        return layers;
    }

    ConnectingCheckpointStore connection() {
        return connection;
    }

    Optional<CircuitBreakingCheckpointStore> breaker() {
        return Optional.ofNullable(breaker);
    }

    String scheme() {
        return scheme;
    }

    String redactedUri() {
        return redactedUri;
    }

    /** How many calls are running now; for tests. */
    int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Counts the call as running; refuses it once closing has begun. */
    @Override
    protected <T> T intercept(StoreOperation operation, Supplier<T> call) {
        synchronized (lock) {
            if (closing) {
                throw new IllegalStateException("the checkpoint store is closed (the application is shutting down)");
            }
            running++;
        }
        try {
            return call.get();
        } finally {
            synchronized (lock) {
                if (--running == 0) {
                    lock.notifyAll();
                }
            }
        }
    }

    /**
     * Refuses new calls, waits up to the shutdown timeout for running ones, then closes the
     * chain (and the backend, unless it runs on the application's own DataSource or client).
     * Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            long deadline = System.nanoTime() + shutdownTimeout.toNanos();
            try {
                while (running > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        LOG.warn("closing the checkpoint store with {} call(s) still running after {}"
                                + " (checkpointkit.store.shutdown-timeout)", running, shutdownTimeout);
                        break;
                    }
                    lock.wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
    }

    @Override
    public String toString() {
        return "CheckpointStore[" + redactedUri + ']';
    }
}
