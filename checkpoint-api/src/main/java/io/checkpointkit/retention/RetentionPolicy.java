package io.checkpointkit.retention;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link RetentionSweeper} keeps: the latest N unpinned checkpoints per execution, and/or
 * only executions written (saved, updated, deleted from) within a maximum idle time. Immutable; each
 * {@code with…} method returns a new policy.
 *
 * <pre>{@code
 * RetentionPolicy.keepLatest(10).clearIdleAfter(Duration.ofDays(7));  // both rules
 * RetentionPolicy.keepAll().clearIdleAfter(Duration.ofDays(30));      // only idle executions go
 * }</pre>
 *
 * <p>An idle execution is cleared whole, pinned checkpoints included: pinning protects from
 * trimming, not from clearing.
 */
public final class RetentionPolicy {

    /** The longest {@link #clearIdleAfter} accepted: 36500 days (100 years). */
    public static final Duration MAX_IDLE = Duration.ofDays(36_500);


    private static final int KEEP_ALL = -1;

    private final int keepLatest;
    private final Duration maxIdle;

    private RetentionPolicy(int keepLatest, Duration maxIdle) {
        this.keepLatest = keepLatest;
        this.maxIdle = maxIdle;
    }

    /**
     * A policy that trims every execution to its latest {@code keepLatest} unpinned checkpoints.
     *
     * @param keepLatest how many unpinned checkpoints to keep, 0 or more
     * @return the policy
     * @throws IllegalArgumentException if negative
     */
    public static RetentionPolicy keepLatest(int keepLatest) {
        return new RetentionPolicy(Arguments.requireNotNegative(keepLatest, "keepLatest"), null);
    }

    /** A policy that trims nothing; add {@link #clearIdleAfter} to clear idle executions. */
    public static RetentionPolicy keepAll() {
        return new RetentionPolicy(KEEP_ALL, null);
    }

    /**
     * This policy, also clearing every execution not written (saved, updated, deleted from) for
     * more than {@code maxIdle} before the sweep started. What counts is the time of the last
     * write, not the checkpoints' timestamps (see
     * {@link io.checkpointkit.CheckpointStore#clearIfIdleSince}).
     *
     * @param maxIdle the maximum age, positive and at most {@link #MAX_IDLE} (100 years)
     * @return a new policy
     * @throws NullPointerException if {@code maxIdle} is null
     * @throws IllegalArgumentException if not positive or longer than {@link #MAX_IDLE}
     */
    public RetentionPolicy clearIdleAfter(Duration maxIdle) {
        Durations.requirePositive(maxIdle, MAX_IDLE, "maxIdle");
        return new RetentionPolicy(keepLatest, maxIdle);
    }

    /** How many unpinned checkpoints per execution to keep; empty when nothing is trimmed. */
    public OptionalInt keepLatestCount() {
        return keepLatest == KEEP_ALL ? OptionalInt.empty() : OptionalInt.of(keepLatest);
    }

    /** The age after which an execution is cleared; empty when none is. */
    public Optional<Duration> maxIdle() {
        return Optional.ofNullable(maxIdle);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionPolicy
                && keepLatest == ((RetentionPolicy) o).keepLatest
                && Objects.equals(maxIdle, ((RetentionPolicy) o).maxIdle);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keepLatest, maxIdle);
    }

    @Override
    public String toString() {
        return "RetentionPolicy{keepLatest=" + (keepLatest == KEEP_ALL ? "all" : keepLatest)
                + ", clearIdleAfter=" + (maxIdle == null ? "never" : maxIdle) + '}';
    }
}
