package io.checkpointkit.decorators;

import io.checkpointkit.CheckpointStoreUnavailableException;
import java.time.Instant;
import java.util.Objects;

/**
 * A circuit breaker rejected the call without touching the store, because the store failed too
 * often recently. Says when the breaker will let trial calls through again.
 */
public class CircuitOpenException extends CheckpointStoreUnavailableException {

    private static final long serialVersionUID = 1L;

    private final transient Instant retryAt;

    /**
     * @param message why the call was rejected
     * @param retryAt the earliest time the breaker lets a trial call through
     */
    public CircuitOpenException(String message, Instant retryAt) {
        super(message);
        this.retryAt = Objects.requireNonNull(retryAt, "retryAt must not be null");
    }

    /** The earliest time the breaker lets a trial call through. */
    public Instant retryAt() {
        return retryAt;
    }
}
