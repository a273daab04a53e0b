package io.checkpointkit.preloader;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The immutable configuration of a {@link PreloadingCheckpointStore}. Build one with
 * {@link #builder()}, or take {@link #defaults()}; every setting has a public {@code DEFAULT_*}
 * constant, and the builder rejects a bad value with an {@link IllegalArgumentException} that
 * names the field.
 *
 * <pre>{@code
 * PreloaderConfig config = PreloaderConfig.builder()
 *         .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30))
 *         .interval(Duration.ofSeconds(10)).build();
 * }</pre>
 *
 * <p>Refresh-ahead works when {@code expireAfterWrite} is longer than {@code interval} (by a
 * quarter of it at least, the margin kept for late rounds): each round plans a reload, a quarter
 * interval before expiry, of the hot entries that would expire before the next round. A key is
 * hot while {@code score × unreadExpiryFactor ^ unreadExpiries} is above the threshold (see
 * {@link Builder#unreadExpiryFactor}): it stays loaded through its readers' pauses, and a key whose
 * readers left is reloaded a bounded number of times. With a shorter
 * {@code expireAfterWrite}, hot entries are still reloaded every round but may be missing between
 * rounds.
 */
public final class PreloaderConfig {

    /** Default {@link Builder#maximumSize}: 10,000 cached results. */
    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;
    /** Default {@link Builder#expireAfterWrite}: 2 minutes. */
    public static final Duration DEFAULT_EXPIRE_AFTER_WRITE = Duration.ofMinutes(2);
    /** Default {@link Builder#interval}: 60 seconds. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** The shortest {@link Builder#interval}: 1 second. */
    public static final Duration MINIMUM_INTERVAL = Duration.ofSeconds(1);
    /**
     * The longest {@link Builder#expireAfterWrite}, {@link Builder#interval} and
     * {@link Builder#decayPeriod} (and the decay period of the access tracker): 365 days.
     */
    public static final Duration MAXIMUM_DURATION = Duration.ofDays(365);
    /** Default {@link Builder#decayFactor}. */
    public static final double DEFAULT_DECAY_FACTOR = 0.9;
    /** Default {@link Builder#decayPeriod}: one hour, the period of the design's formula. */
    public static final Duration DEFAULT_DECAY_PERIOD = Duration.ofHours(1);
    /**
     * Default {@link Builder#unreadExpiryFactor}: each preloaded value that expires unread leaves
     * 0.4 of its key's score (a key read 10 times is kept through about 4 unread expiries, one
     * read 1,000 times through about 8).
     */
    public static final double DEFAULT_UNREAD_EXPIRY_FACTOR = 0.4;
    /** Default {@link Builder#threshold}. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Default {@link Builder#maxTrackedKeys}. */
    public static final int DEFAULT_MAX_TRACKED_KEYS = 1_000;
    /** Default {@link Builder#batchSize}. */
    public static final int DEFAULT_BATCH_SIZE = 200;
    /** Default {@link Builder#maxRelatedKeys}. */
    public static final int DEFAULT_MAX_RELATED_KEYS = 5;
    /** Default {@link Builder#parallelism}. */
    public static final int DEFAULT_PARALLELISM = 4;

    private static final PreloaderConfig DEFAULTS = builder().build();

    private final long maximumSize;
    private final Duration expireAfterWrite;
    private final Duration interval;
    private final double decayFactor;
    private final Duration decayPeriod;
    private final ScoringFunction scoringFunction;
    private final double unreadExpiryFactor;
    private final double threshold;
    private final int maxTrackedKeys;
    private final int batchSize;
    private final int maxRelatedKeys;
    private final int parallelism;
    private final Ticker ticker;
    private final Executor executor;
    private final Scheduler scheduler;

    private PreloaderConfig(Builder b) {
        this.maximumSize = b.maximumSize;
        this.expireAfterWrite = b.expireAfterWrite;
        this.interval = b.interval;
        this.decayFactor = b.decayFactor;
        this.decayPeriod = b.decayPeriod;
        this.scoringFunction = b.scoringFunction;
        this.unreadExpiryFactor = b.unreadExpiryFactor;
        this.threshold = b.threshold;
        this.maxTrackedKeys = b.maxTrackedKeys;
        this.batchSize = b.batchSize;
        this.maxRelatedKeys = b.maxRelatedKeys;
        this.parallelism = b.parallelism;
        this.ticker = b.ticker;
        this.executor = b.executor;
        this.scheduler = b.scheduler;
    }

    /** The configuration with every default. */
    public static PreloaderConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maximumSize = maximumSize;
        b.expireAfterWrite = expireAfterWrite;
        b.interval = interval;
        b.decayFactor = decayFactor;
        b.decayPeriod = decayPeriod;
        b.scoringFunction = scoringFunction;
        b.unreadExpiryFactor = unreadExpiryFactor;
        b.threshold = threshold;
        b.maxTrackedKeys = maxTrackedKeys;
        b.batchSize = batchSize;
        b.maxRelatedKeys = maxRelatedKeys;
        b.parallelism = parallelism;
        b.ticker = ticker;
        b.executor = executor;
        b.scheduler = scheduler;
        return b;
    }

    /** The most results (checkpoints by id and latest per execution, together) kept in memory. */
    public long maximumSize() {
        return maximumSize;
    }

    /** How long a cached result lives after it was written into the cache. */
    public Duration expireAfterWrite() {
        return expireAfterWrite;
    }

    /** The time between two rounds of the background preloader. */
    public Duration interval() {
        return interval;
    }

    /** The decay factor of the default scoring. */
    public double decayFactor() {
        return decayFactor;
    }

    /** The idle time over which the default scoring multiplies a score by the decay factor. */
    public Duration decayPeriod() {
        return decayPeriod;
    }

    /** The scoring that replaces the default, when one was set. */
    public Optional<ScoringFunction> scoringFunction() {
        return Optional.ofNullable(scoringFunction);
    }

    /** What is left of a key's score per preloaded value that expired unread since its last read. */
    public double unreadExpiryFactor() {
        return unreadExpiryFactor;
    }

    /** The score a key must be above to be preloaded. */
    public double threshold() {
        return threshold;
    }

    /** The most keys the access tracker holds. */
    public int maxTrackedKeys() {
        return maxTrackedKeys;
    }

    /** The most loads in one preloader round, related keys included. */
    public int batchSize() {
        return batchSize;
    }

    /** The most related keys kept, and preloaded, per hot key. */
    public int maxRelatedKeys() {
        return maxRelatedKeys;
    }

    /** The number of threads of the preloader's own executor (unused when {@link #executor()} is set). */
    public int parallelism() {
        return parallelism;
    }

    /** The time source of access scores, cache expiry and the preloader's schedule. */
    public Ticker ticker() {
        return ticker;
    }

    /**
     * The executor that runs preloader rounds and loads, when one was set; empty means the
     * preloader's own pool of {@link #parallelism()} daemon threads, shut down by {@code close()}.
     */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    /**
     * The scheduler that times rounds and planned reloads, when one was set; empty means the
     * preloader's own (its pool when {@link #executor()} is empty too, else a daemon thread),
     * shut down by {@code close()}.
     */
    public Optional<Scheduler> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    @Override
    public String toString() {
        return "PreloaderConfig[maximumSize=" + maximumSize + ", expireAfterWrite=" + expireAfterWrite
                + ", interval=" + interval + ", decayFactor=" + decayFactor
                + ", decayPeriod=" + decayPeriod
                + (scoringFunction != null ? ", scoringFunction=" + scoringFunction : "")
                + ", unreadExpiryFactor=" + unreadExpiryFactor + ", threshold=" + threshold + ", maxTrackedKeys=" + maxTrackedKeys
                + ", batchSize=" + batchSize + ", maxRelatedKeys=" + maxRelatedKeys
                + ", parallelism=" + parallelism + ", ticker=" + ticker
                + (executor != null ? ", executor=" + executor : "")
                + (scheduler != null ? ", scheduler=" + scheduler : "") + ']';
    }

    /** Builds a {@link PreloaderConfig}; every setting starts at its default. */
    public static final class Builder {
        private long maximumSize = DEFAULT_MAXIMUM_SIZE;
        private Duration expireAfterWrite = DEFAULT_EXPIRE_AFTER_WRITE;
        private Duration interval = DEFAULT_INTERVAL;
        private double decayFactor = DEFAULT_DECAY_FACTOR;
        private Duration decayPeriod = DEFAULT_DECAY_PERIOD;
        private ScoringFunction scoringFunction;
        private double unreadExpiryFactor = DEFAULT_UNREAD_EXPIRY_FACTOR;
        private double threshold = DEFAULT_THRESHOLD;
        private int maxTrackedKeys = DEFAULT_MAX_TRACKED_KEYS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int maxRelatedKeys = DEFAULT_MAX_RELATED_KEYS;
        private int parallelism = DEFAULT_PARALLELISM;
        private Ticker ticker = Ticker.systemTicker();
        private Executor executor;
        private Scheduler scheduler;

        private Builder() {
        }

        /**
         * The most results kept in memory, checkpoints by id and latest per execution together;
         * past it Caffeine evicts by frequency and recency. Default
         * {@value PreloaderConfig#DEFAULT_MAXIMUM_SIZE}.
         *
         * @param maximumSize 1 or more
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         */
        public Builder maximumSize(long maximumSize) {
            this.maximumSize = Arguments.requireAtLeast(maximumSize, 1L, "maximumSize");
            return this;
        }

        /**
         * How long a cached result lives after it was written into the cache: the longest time a
         * write made by another process (or around this decorator) stays unseen. Default
         * {@link PreloaderConfig#DEFAULT_EXPIRE_AFTER_WRITE}.
         *
         * @param expireAfterWrite at least 1 ms
         * @return this builder
         * @throws NullPointerException if it is null
         * @throws IllegalArgumentException if it is shorter than 1 ms or longer than 365 days
         */
        public Builder expireAfterWrite(Duration expireAfterWrite) {
            this.expireAfterWrite = Durations.requireBetween(expireAfterWrite, Duration.ofMillis(1), MAXIMUM_DURATION,
                    "expireAfterWrite");
            return this;
        }

        /**
         * The time between two preloader rounds. Default
         * {@link PreloaderConfig#DEFAULT_INTERVAL}.
         *
         * @param interval at least {@link PreloaderConfig#MINIMUM_INTERVAL}
         * @return this builder
         * @throws NullPointerException if it is null
         * @throws IllegalArgumentException if it is shorter than 1 s or longer than 365 days
         */
        public Builder interval(Duration interval) {
            this.interval = Durations.requireBetween(interval, MINIMUM_INTERVAL, MAXIMUM_DURATION, "interval");
            return this;
        }

        /**
         * How much of a key's score is left after an idle {@link #decayPeriod} (an hour by
         * default), in the default scoring. Default {@value PreloaderConfig#DEFAULT_DECAY_FACTOR}.
         *
         * @param decayFactor greater than 0, at most 1
         * @return this builder
         * @throws IllegalArgumentException if it is out of range
         */
        public Builder decayFactor(double decayFactor) {
            this.decayFactor = Arguments.requireFraction(decayFactor, "decayFactor");
            return this;
        }

        /**
         * The idle time over which the default scoring multiplies a score by the decay factor:
         * score = {@code accessCount × decayFactor ^ (sinceLastAccess / decayPeriod)}. Default
         * {@link PreloaderConfig#DEFAULT_DECAY_PERIOD} (one hour, the design's formula). Shorten it
         * for a workload whose hot set moves faster (minutes, seconds), so that a key read many
         * times before it went cold stops being preloaded soon after.
         *
         * @param decayPeriod at least 1 ms
         * @return this builder
         * @throws NullPointerException if it is null
         * @throws IllegalArgumentException if it is shorter than 1 ms or longer than 365 days
         */
        public Builder decayPeriod(Duration decayPeriod) {
            this.decayPeriod = Durations.requireBetween(decayPeriod, Duration.ofMillis(1), MAXIMUM_DURATION,
                    "decayPeriod");
            return this;
        }

        /**
         * Replaces the default scoring; the decay factor and period are then unused.
         *
         * @param scoringFunction the function
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder scoringFunction(ScoringFunction scoringFunction) {
            this.scoringFunction = Objects.requireNonNull(scoringFunction, "scoringFunction must not be null");
            return this;
        }

        /**
         * What is left of a key's score per preloaded value that expired unread since the key's
         * last read: the preloader uses {@code score × unreadExpiryFactor ^ unreadExpiries}, so a
         * key whose readers left is reloaded at most
         * {@code ceil(log(score / threshold) / log(1 / unreadExpiryFactor))} times after its last
         * read, while a key that only paused is kept loaded for as long as that bound allows. A
         * read resets the count. 1 turns the rule off (scores then decay with time only). Default
         * {@value PreloaderConfig#DEFAULT_UNREAD_EXPIRY_FACTOR}.
         *
         * @param unreadExpiryFactor greater than 0, at most 1
         * @return this builder
         * @throws IllegalArgumentException if it is out of range
         */
        public Builder unreadExpiryFactor(double unreadExpiryFactor) {
            this.unreadExpiryFactor = Arguments.requireFraction(unreadExpiryFactor, "unreadExpiryFactor");
            return this;
        }

        /**
         * The score a key must be above to be preloaded. Default
         * {@value PreloaderConfig#DEFAULT_THRESHOLD}.
         *
         * @param threshold a finite number, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if it is negative, infinite or NaN
         */
        public Builder threshold(double threshold) {
            this.threshold = Arguments.requireFiniteNotNegative(threshold, "threshold");
            return this;
        }

        /**
         * The most keys the access tracker holds; past it the lowest score is dropped. Default
         * {@value PreloaderConfig#DEFAULT_MAX_TRACKED_KEYS}.
         *
         * @param maxTrackedKeys 1 or more
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         */
        public Builder maxTrackedKeys(int maxTrackedKeys) {
            this.maxTrackedKeys = Arguments.requireAtLeast(maxTrackedKeys, 1, "maxTrackedKeys");
            return this;
        }

        /**
         * The most loads in one preloader round, hot keys and their related keys together.
         * Default {@value PreloaderConfig#DEFAULT_BATCH_SIZE}.
         *
         * @param batchSize 1 or more
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = Arguments.requireAtLeast(batchSize, 1, "batchSize");
            return this;
        }

        /**
         * The most related keys remembered, and preloaded, per hot key. Default
         * {@value PreloaderConfig#DEFAULT_MAX_RELATED_KEYS}.
         *
         * @param maxRelatedKeys 0 or more
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder maxRelatedKeys(int maxRelatedKeys) {
            this.maxRelatedKeys = Arguments.requireNotNegative(maxRelatedKeys, "maxRelatedKeys");
            return this;
        }

        /**
         * The number of threads of the preloader's own executor: the most loads running at once.
         * Unused when an {@link #executor} is given. Default
         * {@value PreloaderConfig#DEFAULT_PARALLELISM}.
         *
         * @param parallelism 1 or more
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         */
        public Builder parallelism(int parallelism) {
            this.parallelism = Arguments.requireAtLeast(parallelism, 1, "parallelism");
            return this;
        }

        /**
         * The time source, in nanoseconds, of everything that depends on time: access scores,
         * the age of cache entries (Caffeine's own ticker) and the preloader's schedule (delays
         * are computed from it). Tests pass a ticker they move, with a {@link #scheduler} that
         * runs tasks when that ticker reaches them. Default {@link Ticker#systemTicker()}.
         *
         * @param ticker the ticker
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
            return this;
        }

        /**
         * The executor that runs preloader rounds and loads (each load is one task). Default: the
         * preloader's own pool of {@link #parallelism} daemon threads, shut down (loads in flight
         * interrupted) by {@code close()}; an executor given here is not shut down by the store.
         * Tests pass {@code Runnable::run} to run every task on the thread that triggers it.
         *
         * @param executor the executor
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor must not be null");
            return this;
        }

        /**
         * The scheduler that runs rounds every {@link #interval} and planned reloads when they are
         * due, each on the {@link #executor}. Default: with the default executor, that pool
         * itself (each task waits in the pool's queue and the thread that takes it runs it: one
         * thread wake-up per task); with an executor given, one daemon thread of the preloader's
         * own ({@link Scheduler#forScheduledExecutorService}) that hands tasks to it; either is
         * shut down by {@code close()}. A
         * scheduler given here must run each task once its delay has passed on the
         * {@link #ticker}; {@link Scheduler#disabledScheduler()} runs nothing (no background
         * preloading at all).
         *
         * @param scheduler the scheduler
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the immutable configuration
         */
        public PreloaderConfig build() {
            return new PreloaderConfig(this);
        }
    }
}
