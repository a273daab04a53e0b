package io.checkpointkit.decorators;

import java.time.Instant;

/**
 * Told about every state transition of a {@link CircuitBreakingCheckpointStore}.
 *
 * <p>Listeners hear every transition once, in the order the transitions took effect, one at a
 * time (never two calls at once), after the transition took effect and with no lock held that a
 * store call could wait on. Usually the call comes on the thread whose store call caused the
 * transition; when transitions race, the thread that is already telling the listeners tells the
 * later ones too, so a caller may return before its transition has been told. A listener should
 * return quickly; an exception it throws is logged and otherwise ignored, so it never reaches the
 * caller of the store.
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
