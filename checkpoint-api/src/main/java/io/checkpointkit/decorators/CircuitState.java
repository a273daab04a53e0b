package io.checkpointkit.decorators;

/** The state of a {@link CircuitBreakingCheckpointStore}. */
public enum CircuitState {
    /** Calls go through; their outcomes fill the sliding window. */
    CLOSED,
    /** Calls are rejected with {@link io.checkpointkit.decorators.CircuitOpenException} without touching the store. */
    OPEN,
    /** A bounded number of trial calls go through; the rest are rejected. */
    HALF_OPEN
}
