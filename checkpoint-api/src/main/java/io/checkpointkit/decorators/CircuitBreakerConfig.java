package io.checkpointkit.decorators;

import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The settings of a {@link CircuitBreakingCheckpointStore}; immutable once built.
 *
 * <pre>{@code
 * CircuitBreakerConfig config = CircuitBreakerConfig.builder()
 *         .failureRateThreshold(0.5).slidingWindowSize(20).minimumCalls(10)
 *         .waitInOpen(Duration.ofSeconds(30)).permittedTrialCalls(3).build();
 * }</pre>
 *
 * <p>Which failures count: an exception counts when it, or one of its causes, is an instance of
 * one of {@link Builder#recordExceptions record exceptions} (default:
 * {@link CheckpointStoreUnavailableException}, which includes a {@code CircuitOpenException}
 * thrown by an inner breaker, and {@link TimeoutException}). Conflicts
 * ({@code CheckpointConflictException}), bad arguments ({@link IllegalArgumentException},
 * {@link NullPointerException}), a closed store ({@link IllegalStateException}) and
 * {@link UnsupportedOperationException} never count, whatever is configured.
 */
public final class CircuitBreakerConfig {

    /** Default {@link Builder#failureRateThreshold}: 0.5. */
    public static final double DEFAULT_FAILURE_RATE_THRESHOLD = 0.5;
    /** Default {@link Builder#slidingWindowSize}: 20 calls. */
    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;
    /** Default {@link Builder#minimumCalls}: 10 calls. */
    public static final int DEFAULT_MINIMUM_CALLS = 10;
    /** Default {@link Builder#waitInOpen}: 30 seconds. */
    public static final Duration DEFAULT_WAIT_IN_OPEN = Duration.ofSeconds(30);
    /** Default {@link Builder#permittedTrialCalls}: 3. */
    public static final int DEFAULT_PERMITTED_TRIAL_CALLS = 3;
    /** Default {@link Builder#recordExceptions}: unavailable stores and timeouts. */
    public static final List<Class<? extends Throwable>> DEFAULT_RECORD_EXCEPTIONS =
            List.of(CheckpointStoreUnavailableException.class, TimeoutException.class);

    private static final CircuitBreakerConfig DEFAULTS = builder().build();

    private final double failureRateThreshold;
    private final int slidingWindowSize;
    private final int minimumCalls;
    private final Duration waitInOpen;
    private final int permittedTrialCalls;
    private final List<Class<? extends Throwable>> recordExceptions;
    private final Clock clock;
    private final List<CircuitBreakerListener> listeners;

    private CircuitBreakerConfig(Builder b) {
        this.failureRateThreshold = b.failureRateThreshold;
        this.slidingWindowSize = b.slidingWindowSize;
        this.minimumCalls = b.minimumCalls;
        this.waitInOpen = b.waitInOpen;
        this.permittedTrialCalls = b.permittedTrialCalls;
        this.recordExceptions = List.copyOf(b.recordExceptions);
        this.clock = b.clock;
        this.listeners = List.copyOf(b.listeners);
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration with every default. */
    public static CircuitBreakerConfig defaults() {
        return DEFAULTS;
    }

    /**
     * A builder holding this configuration's settings, listeners included, to change some of
     * them; listeners added to it are added after these.
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.failureRateThreshold = failureRateThreshold;
        b.slidingWindowSize = slidingWindowSize;
        b.minimumCalls = minimumCalls;
        b.waitInOpen = waitInOpen;
        b.permittedTrialCalls = permittedTrialCalls;
        b.recordExceptions = recordExceptions;
        b.clock = clock;
        b.listeners.addAll(listeners);
        return b;
    }

    /** The failure rate, over the sliding window, at which the circuit opens; in (0, 1]. */
    public double failureRateThreshold() {
        return failureRateThreshold;
    }

    /** How many of the latest call outcomes the sliding window holds. */
    public int slidingWindowSize() {
        return slidingWindowSize;
    }

    /** How many outcomes the window must hold before the failure rate can open the circuit. */
    public int minimumCalls() {
        return minimumCalls;
    }

    /** How long the circuit stays OPEN before it lets trial calls through. */
    public Duration waitInOpen() {
        return waitInOpen;
    }

    /** How many trial calls HALF_OPEN lets through at once; all must succeed to close. */
    public int permittedTrialCalls() {
        return permittedTrialCalls;
    }

    /** The exception types that count as failures; unmodifiable. */
    public List<Class<? extends Throwable>> recordExceptions() {
        return recordExceptions;
    }

    /** The clock that times OPEN. */
    public Clock clock() {
        return clock;
    }

    /** The listeners every breaker made with this configuration starts with; unmodifiable. */
    public List<CircuitBreakerListener> listeners() {
        return listeners;
    }

    @Override
    public String toString() {
        return "CircuitBreakerConfig{failureRateThreshold=" + failureRateThreshold
                + ", slidingWindowSize=" + slidingWindowSize + ", minimumCalls=" + minimumCalls
                + ", waitInOpen=" + waitInOpen + ", permittedTrialCalls=" + permittedTrialCalls
                + ", recordExceptions=" + recordExceptions + '}';
    }

    /** Builds a {@link CircuitBreakerConfig}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private double failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;
        private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;
        private int minimumCalls = DEFAULT_MINIMUM_CALLS;
        private Duration waitInOpen = DEFAULT_WAIT_IN_OPEN;
        private int permittedTrialCalls = DEFAULT_PERMITTED_TRIAL_CALLS;
        private List<Class<? extends Throwable>> recordExceptions = DEFAULT_RECORD_EXCEPTIONS;
        private Clock clock = Clock.systemUTC();
        private final List<CircuitBreakerListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * The failure rate over the sliding window at which the circuit opens, greater than 0 and
         * at most 1; default {@value CircuitBreakerConfig#DEFAULT_FAILURE_RATE_THRESHOLD}.
         *
         * @param threshold the failure rate that opens the circuit, greater than 0 and at most 1
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder failureRateThreshold(double threshold) {
            this.failureRateThreshold = Arguments.requireFraction(threshold, "failureRateThreshold");
            return this;
        }

        /**
         * How many of the latest call outcomes the sliding window holds, 1 or more; default
         * {@value CircuitBreakerConfig#DEFAULT_SLIDING_WINDOW_SIZE}.
         *
         * @param size how many of the latest outcomes the window holds, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder slidingWindowSize(int size) {
            this.slidingWindowSize = Arguments.requireAtLeast(size, 1, "slidingWindowSize");
            return this;
        }

        /**
         * How many outcomes the window must hold before the failure rate can open the circuit,
         * from 1 to the window size; default {@value CircuitBreakerConfig#DEFAULT_MINIMUM_CALLS}.
         *
         * @param calls outcomes needed before the circuit may open, from 1 to the window size
         *     (checked by {@link #build})
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder minimumCalls(int calls) {
            this.minimumCalls = Arguments.requireAtLeast(calls, 1, "minimumCalls");
            return this;
        }

        /**
         * How long the circuit stays OPEN before it lets trial calls through, positive and at
         * most 24 days; default 30 seconds.
         *
         * @param wait how long OPEN lasts, positive and at most 24 days ({@link Durations#MAX_TIMEOUT})
         * @return this builder
         * @throws NullPointerException if {@code wait} is null
         * @throws IllegalArgumentException if not positive or longer than 24 days
         */
        public Builder waitInOpen(Duration wait) {
            this.waitInOpen = Durations.requirePositive(wait, Durations.MAX_TIMEOUT, "waitInOpen");
            return this;
        }

        /**
         * How many trial calls HALF_OPEN lets through at once, 1 or more; all must succeed to
         * close the circuit. Default {@value CircuitBreakerConfig#DEFAULT_PERMITTED_TRIAL_CALLS}.
         *
         * @param calls trial calls let through in HALF_OPEN, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder permittedTrialCalls(int calls) {
            this.permittedTrialCalls = Arguments.requireAtLeast(calls, 1, "permittedTrialCalls");
            return this;
        }

        /**
         * Replaces the exception types that count as failures, at least one; default
         * {@link CircuitBreakerConfig#DEFAULT_RECORD_EXCEPTIONS} (unavailable stores and timeouts).
         * Conflicts, bad arguments, a closed
         * store and unsupported operations never count, even when a supertype is listed here.
         *
         * @param types the types, at least one
         * @return this builder
         * @throws NullPointerException if {@code types} or one of them is null
         * @throws IllegalArgumentException if no type is given
         */
        @SafeVarargs
        public final Builder recordExceptions(Class<? extends Throwable>... types) {
            Objects.requireNonNull(types, "recordExceptions must not be null");
            Arguments.requireArgument(types.length > 0, "recordExceptions must name at least one type");
            List<Class<? extends Throwable>> copy = new ArrayList<>();
            for (Class<? extends Throwable> type : types) {
                copy.add(Objects.requireNonNull(type, "recordExceptions must not contain null"));
            }
            this.recordExceptions = copy;
            return this;
        }

        /**
         * The clock that times OPEN; default {@link Clock#systemUTC()}.
         *
         * @param clock the clock that times OPEN; default {@link Clock#systemUTC()}
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Adds a listener for state transitions; default none.
         *
         * @param listener the listener
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder listener(CircuitBreakerListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException if {@code minimumCalls} exceeds {@code slidingWindowSize}
         */
        public CircuitBreakerConfig build() {
            Arguments.requireArgument(minimumCalls <= slidingWindowSize, "minimumCalls (" + minimumCalls
                    + ") must not exceed slidingWindowSize (" + slidingWindowSize + ")");
            return new CircuitBreakerConfig(this);
        }
    }
}
