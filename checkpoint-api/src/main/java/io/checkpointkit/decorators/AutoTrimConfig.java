package io.checkpointkit.decorators;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The settings of an {@link AutoTrimmingCheckpointStore}; immutable once built.
 *
 * <pre>{@code
 * AutoTrimConfig config = AutoTrimConfig.builder().keepLatest(10).threshold(30).build();
 * }</pre>
 */
public final class AutoTrimConfig {

    /** What {@link AutoTrimmingCheckpointStore#close()} does with trims still queued. */
    public enum OnClose {
        /** Run the queued trims, waiting at most {@link AutoTrimConfig#closeTimeout()}. */
        DRAIN,
        /** Drop the queued trims (counted as dropped); wait only for the trim running now. */
        DROP
    }

    /** Default {@link Builder#keepLatest}: 10 checkpoints per execution. */
    public static final int DEFAULT_KEEP_LATEST = 10;
    /** Default {@link Builder#threshold}: a trim every 30 saves of an execution. */
    public static final int DEFAULT_THRESHOLD = 30;
    /** Default {@link Builder#queueCapacity}: 10,000 executions waiting for a trim. */
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    /** Default {@link Builder#onClose}: {@link OnClose#DRAIN}. */
    public static final OnClose DEFAULT_ON_CLOSE = OnClose.DRAIN;
    /** Default {@link Builder#closeTimeout}: 10 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final AutoTrimConfig DEFAULTS = builder().build();

    private final int keepLatest;
    private final int threshold;
    private final int queueCapacity;
    private final Executor executor;
    private final OnClose onClose;
    private final Duration closeTimeout;

    private AutoTrimConfig(Builder b) {
        this.keepLatest = b.keepLatest;
        this.threshold = b.threshold;
        this.queueCapacity = b.queueCapacity;
        this.executor = b.executor;
        this.onClose = b.onClose;
        this.closeTimeout = b.closeTimeout;
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration with every default. */
    public static AutoTrimConfig defaults() {
        return DEFAULTS;
    }

    /** A builder holding this configuration's settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.keepLatest = keepLatest;
        b.threshold = threshold;
        b.queueCapacity = queueCapacity;
        b.executor = executor;
        b.onClose = onClose;
        b.closeTimeout = closeTimeout;
        return b;
    }

    /** How many unpinned checkpoints per execution a trim keeps. */
    public int keepLatest() {
        return keepLatest;
    }

    /** How many successful saves of one execution queue one trim of it. */
    public int threshold() {
        return threshold;
    }

    /** How many executions may wait for a trim; beyond that, requests are dropped and counted. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** The executor that runs the trims; empty when the decorator owns one daemon thread. */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    /** What {@code close()} does with queued trims. */
    public OnClose onClose() {
        return onClose;
    }

    /** How long {@code close()} waits for the trims it lets finish. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    @Override
    public String toString() {
        return "AutoTrimConfig{keepLatest=" + keepLatest + ", threshold=" + threshold
                + ", queueCapacity=" + queueCapacity + ", executor=" + (executor == null ? "own thread" : executor)
                + ", onClose=" + onClose + ", closeTimeout=" + closeTimeout + '}';
    }

    /** Builds an {@link AutoTrimConfig}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private int keepLatest = DEFAULT_KEEP_LATEST;
        private int threshold = DEFAULT_THRESHOLD;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Executor executor;
        private OnClose onClose = DEFAULT_ON_CLOSE;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

        private Builder() {
        }

        /**
         * How many unpinned checkpoints per execution a trim keeps, 0 or more; default
         * {@value AutoTrimConfig#DEFAULT_KEEP_LATEST}.
         *
         * @param keepLatest unpinned checkpoints per execution to keep, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder keepLatest(int keepLatest) {
            this.keepLatest = Arguments.requireNotNegative(keepLatest, "keepLatest");
            return this;
        }

        /**
         * How many successful saves of one execution queue one trim of it, 1 or more; default
         * {@value AutoTrimConfig#DEFAULT_THRESHOLD}.
         *
         * @param threshold saves of one execution between two trims of it, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder threshold(int threshold) {
            this.threshold = Arguments.requireAtLeast(threshold, 1, "threshold");
            return this;
        }

        /**
         * How many executions may wait for a trim, 1 or more; beyond that, requests are dropped
         * and counted. Default {@value AutoTrimConfig#DEFAULT_QUEUE_CAPACITY}.
         *
         * @param capacity executions that may wait for a trim, 1 or more
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder queueCapacity(int capacity) {
            this.queueCapacity = Arguments.requireAtLeast(capacity, 1, "queueCapacity");
            return this;
        }

        /**
         * Runs the trims on the given executor instead of a thread of the decorator's own; default
         * none (one daemon thread the decorator owns). The
         * decorator submits one task at a time (trims run one after another) and never shuts the
         * executor down.
         *
         * @param executor the executor
         * @return this builder
         * @throws NullPointerException if {@code executor} is null
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor must not be null");
            return this;
        }

        /**
         * What {@code close()} does with the trims still queued; default
         * {@link OnClose#DRAIN}.
         *
         * @param onClose what {@code close()} does with queued trims
         * @return this builder
         * @throws NullPointerException if {@code onClose} is null
         */
        public Builder onClose(OnClose onClose) {
            this.onClose = Objects.requireNonNull(onClose, "onClose must not be null");
            return this;
        }

        /**
         * How long {@code close()} waits for the trims it lets finish, from 0 to 24 days; default
         * 10 seconds.
         *
         * @param timeout how long {@code close()} waits for trims, from 0 to 24 days
         *     ({@link Durations#MAX_TIMEOUT})
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if negative or longer than 24 days
         */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Durations.requireBetween(timeout, Duration.ZERO, Durations.MAX_TIMEOUT, "closeTimeout");
            return this;
        }

        /** @return the configuration */
        public AutoTrimConfig build() {
            return new AutoTrimConfig(this);
        }
    }
}
