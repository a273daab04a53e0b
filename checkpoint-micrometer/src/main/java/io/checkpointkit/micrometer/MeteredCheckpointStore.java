package io.checkpointkit.micrometer;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.decorators.ForwardingCheckpointStore;
import io.checkpointkit.spi.Arguments;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A store that times every call of its delegate with a Micrometer {@link Timer}.
 *
 * <p>One timer name, {@value #DEFAULT_METRIC_NAME} by default, tagged:
 * <ul>
 *   <li>{@code store}: the store name given to the builder ({@value #DEFAULT_STORE_NAME} by default);
 *   <li>{@code operation}: {@code save}, {@code load}, {@code list}, {@code query} (list with a
 *       {@link CheckpointQuery}), {@code delete}, {@code clear}, {@code latest}, {@code trim},
 *       {@code executions};
 *   <li>{@code outcome}: {@code success}, {@code conflict}, {@code rejected} (an open circuit
 *       breaker), {@code unavailable}, {@code corrupted}, {@code invalid_argument},
 *       {@code closed} (the store was closed), {@code unsupported}, {@code error} (anything else);
 * </ul>
 * plus the builder's extra tags. Timers are registered on first use. {@link #capabilities()}
 * and {@link #close()} are not timed. The call's result or exception passes through unchanged.
 *
 * <pre>{@code
 * CheckpointStore store = MeteredCheckpointStore.builder(backend, registry).storeName("orders").build();
 * }</pre>
 */
public final class MeteredCheckpointStore extends ForwardingCheckpointStore {

    /** Default {@link Builder#metricName}. */
    public static final String DEFAULT_METRIC_NAME = "checkpoint.store.operations";
    /** Default {@link Builder#storeName}. */
    public static final String DEFAULT_STORE_NAME = "default";

    private static final int OUTCOMES = Outcome.values().length;

    private final MeterRegistry registry;
    private final Clock clock;
    private final String metricName;
    private final String storeName;
    private final Tags tags;
    private final double[] percentiles;
    private final boolean percentileHistogram;
    private final AtomicReferenceArray<Timer> timers =
            new AtomicReferenceArray<>(Operation.values().length * OUTCOMES);

    private MeteredCheckpointStore(Builder b) {
        super(b.store);
        this.registry = b.registry;
        this.clock = b.registry.config().clock();
        this.metricName = b.metricName;
        this.storeName = b.storeName;
        this.tags = b.tags;
        this.percentiles = b.percentiles;
        this.percentileHistogram = b.percentileHistogram;
    }

    /**
     * Times a store's calls under the default store name and metric name.
     *
     * @param store the store to time
     * @param registry where the timers go
     * @return the decorator
     * @throws NullPointerException if an argument is null
     */
    public static MeteredCheckpointStore wrap(CheckpointStore store, MeterRegistry registry) {
        return builder(store, registry).build();
    }

    /**
     * A builder for a metered store with other settings.
     *
     * @param store the store to time
     * @param registry where the timers go
     * @return the builder
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(CheckpointStore store, MeterRegistry registry) {
        return new Builder(store, registry);
    }

    /** The value of the {@code store} tag. */
    public String storeName() {
        return storeName;
    }

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        return timed(Operation.SAVE, () -> super.save(checkpoint));
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        return timed(Operation.LOAD, () -> super.load(checkpointId));
    }

    @Override
    public List<Checkpoint> list(String executionId) {
        return timed(Operation.LIST, () -> super.list(executionId));
    }

    @Override
    public boolean delete(String checkpointId) {
        return timed(Operation.DELETE, () -> super.delete(checkpointId));
    }

    @Override
    public int clear(String executionId) {
        return timed(Operation.CLEAR, () -> super.clear(executionId));
    }

    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        return timed(Operation.CLEAR_IF_IDLE, () -> super.clearIfIdleSince(executionId, cutoff));
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        return timed(Operation.LATEST, () -> super.latest(executionId));
    }

    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        return timed(Operation.QUERY, () -> super.list(executionId, query));
    }

    @Override
    public int trim(String executionId, int keepLatest) {
        return timed(Operation.TRIM, () -> super.trim(executionId, keepLatest));
    }

    @Override
    public ExecutionPage executions(String afterExecutionId, int limit) {
        return timed(Operation.EXECUTIONS, () -> super.executions(afterExecutionId, limit));
    }

    private <T> T timed(Operation operation, Supplier<T> call) {
        long start = clock.monotonicTime();
        T result;
        try {
            result = call.get();
        } catch (Throwable failure) {
            timer(operation, Outcome.of(failure)).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
            throw failure;
        }
        timer(operation, Outcome.SUCCESS).record(clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
        return result;
    }

    private Timer timer(Operation operation, Outcome outcome) {
        int index = operation.ordinal() * OUTCOMES + outcome.ordinal();
        Timer timer = timers.get(index);
        if (timer == null) {
            // The registry returns the same timer to racing callers, so a lost race is harmless.
            Timer.Builder builder = Timer.builder(metricName)
                    .description("Calls of a checkpoint store")
                    .tags(tags)
                    .tag("store", storeName)
                    .tag("operation", operation.tag)
                    .tag("outcome", outcome.tag)
                    .publishPercentileHistogram(percentileHistogram);
            if (percentiles.length > 0) {
                builder.publishPercentiles(percentiles);
            }
            timer = builder.register(registry);
            timers.set(index, timer);
        }
        return timer;
    }

    /** Builds a {@link MeteredCheckpointStore}. */
    public static final class Builder {

        private final CheckpointStore store;
        private final MeterRegistry registry;
        private String metricName = DEFAULT_METRIC_NAME;
        private String storeName = DEFAULT_STORE_NAME;
        private Tags tags = Tags.empty();
        private double[] percentiles = new double[0];
        private boolean percentileHistogram;

        private Builder(CheckpointStore store, MeterRegistry registry) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            this.registry = Objects.requireNonNull(registry, "registry must not be null");
        }

        /**
         * The value of the {@code store} tag, not blank; default
         * {@value MeteredCheckpointStore#DEFAULT_STORE_NAME}.
         *
         * @param storeName the value of the {@code store} tag, not blank
         * @return this builder
         * @throws NullPointerException if {@code storeName} is null
         * @throws IllegalArgumentException if blank
         */
        public Builder storeName(String storeName) {
            this.storeName = requireNotBlank(storeName, "storeName");
            return this;
        }

        /**
         * The name of the timer, not blank; default {@value MeteredCheckpointStore#DEFAULT_METRIC_NAME}.
         *
         * @param metricName the timer's name, not blank
         * @return this builder
         * @throws NullPointerException if {@code metricName} is null
         * @throws IllegalArgumentException if blank
         */
        public Builder metricName(String metricName) {
            this.metricName = requireNotBlank(metricName, "metricName");
            return this;
        }

        /**
         * Adds tags to every timer (for example the application or region); default none.
         *
         * @param tags the tags; {@code store}, {@code operation} and {@code outcome} are set by
         *     the decorator and win over tags of the same key
         * @return this builder
         * @throws NullPointerException if {@code tags} is null
         */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = this.tags.and(Objects.requireNonNull(tags, "tags must not be null"));
            return this;
        }

        /**
         * Publishes client-side percentiles (for example 0.5, 0.99), each from 0 to 1; default none.
         *
         * @param percentiles each in [0, 1]
         * @return this builder
         * @throws NullPointerException if {@code percentiles} is null
         * @throws IllegalArgumentException if one is outside [0, 1]
         */
        public Builder publishPercentiles(double... percentiles) {
            Objects.requireNonNull(percentiles, "percentiles must not be null");
            for (double p : percentiles) {
                Arguments.requireBetween(p, 0.0, 1.0, "percentiles");
            }
            this.percentiles = percentiles.clone();
            return this;
        }

        /**
         * Whether to publish a histogram that a backend can aggregate into percentiles; default false.
         *
         * @param enabled whether to publish it
         * @return this builder
         */
        public Builder publishPercentileHistogram(boolean enabled) {
            this.percentileHistogram = enabled;
            return this;
        }

        /** @return the decorator */
        public MeteredCheckpointStore build() {
            return new MeteredCheckpointStore(this);
        }

        private static String requireNotBlank(String value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
