package io.checkpointkit.decorators;

import java.time.Instant;

/**
 * Told about every state transition of a {@link CircuitBreakingCheckpointStore}.
 *
 * <p>Called on the thread whose call caused the transition, after the transition took effect
 * and with no lock held. It should return quickly; an exception it throws is logged and
 * otherwise ignored, so it never reaches the caller of the store.
 */
@FunctionalInterface
public interface CircuitBreakerListener {

    /**
     * One transition happened.
     *
     * @param from the state before
     * @param to the state after
     * @param at when it happened, by the breaker's clock
     */
    void onTransition(CircuitState from, CircuitState to, Instant at);
}
