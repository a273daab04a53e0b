package io.checkpointkit.decorators;

/**
 * A snapshot of the counters of a {@link CircuitBreakingCheckpointStore}. The counters are
 * cumulative since the breaker was made. The window figures describe the sliding window of the
 * current CLOSED period; while OPEN, the window that opened the circuit (none when a failed trial
 * reopened it); in HALF_OPEN, none (0).
 *
 * @param state the state when the snapshot was taken
 * @param calls calls that reached the store (trial calls included)
 * @param failures calls that failed with an exception that counts (see
 *     {@link CircuitBreakerConfig.Builder#recordExceptions})
 * @param rejections calls rejected without touching the store (OPEN, or HALF_OPEN with every
 *     trial taken)
 * @param transitions state transitions so far
 * @param bufferedCalls outcomes in the sliding window now, at most the window size
 * @param failureRate failures in the sliding window divided by {@code bufferedCalls}, from 0 to
 *     1; 0 when the window is empty
 */
public record CircuitBreakerStats(
        CircuitState state,
        long calls,
        long failures,
        long rejections,
        long transitions,
        int bufferedCalls,
        double failureRate) {
}
