package io.checkpointkit.micrometer;

import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.InterceptingCheckpointStore;
import io.checkpointkit.decorators.StoreOperation;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A store that times every call of its delegate with a Micrometer {@link Timer}.
 *
 * <p>One timer name, {@value MeteringConfig#DEFAULT_METRIC_NAME} by default, tagged:
 * <ul>
 *   <li>{@code store}: the {@link MeteringConfig#storeName() store name}
 *       ({@value MeteringConfig#DEFAULT_STORE_NAME} by default);
 *   <li>{@code operation}: {@code save}, {@code load}, {@code list}, {@code query} (list with a
 *       {@link CheckpointQuery}), {@code delete}, {@code clear}, {@code latest}, {@code trim},
 *       {@code executions};
 *   <li>{@code outcome}: {@code success}, {@code conflict}, {@code rejected} (an open circuit
 *       breaker), {@code unavailable}, {@code corrupted}, {@code invalid_argument},
 *       {@code closed} (the store was closed), {@code unsupported}, {@code error} (anything else);
 * </ul>
 * plus the configuration's extra tags. Timers are registered on first use. {@link #capabilities()}
 * and {@link #close()} are not timed. The call's result or exception passes through unchanged.
 *
 * <pre>{@code
 * CheckpointStore store = MeteredCheckpointStore.wrap(backend, registry,
 *         MeteringConfig.builder().storeName("orders").build());
 * }</pre>
 */
public final class MeteredCheckpointStore extends InterceptingCheckpointStore {

    private static final int OUTCOMES = Outcome.values().length;

    private final MeterRegistry registry;
    private final Clock clock;
    private final MeteringConfig config;
    private final double[] percentiles;
    private final AtomicReferenceArray<Timer> timers =
            new AtomicReferenceArray<>(StoreOperation.values().length * OUTCOMES);

    private MeteredCheckpointStore(CheckpointStore store, MeterRegistry registry, MeteringConfig config) {
        super(store);
        this.registry = registry;
        this.clock = registry.config().clock();
        this.config = config;
        this.percentiles = config.percentiles();
    }

    /**
     * Times a store's calls with {@link MeteringConfig#defaults()}.
     *
     * @param store the store to time
     * @param registry where the timers go
     * @return the decorator
     * @throws NullPointerException if an argument is null
     */
    public static MeteredCheckpointStore wrap(CheckpointStore store, MeterRegistry registry) {
        return wrap(store, registry, MeteringConfig.defaults());
    }

    /**
     * Times a store's calls.
     *
     * @param store the store to time
     * @param registry where the timers go
     * @param config the settings
     * @return the decorator
     * @throws NullPointerException if an argument is null
     */
    public static MeteredCheckpointStore wrap(CheckpointStore store, MeterRegistry registry, MeteringConfig config) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(registry, "registry must not be null");
        Objects.requireNonNull(config, "config must not be null");
        return new MeteredCheckpointStore(store, registry, config);
    }

    /** The configuration this store was made with. */
    public MeteringConfig config() {
        return config;
    }

    /** The value of the {@code store} tag. */
    public String storeName() {
        return config.storeName();
    }

    /** Times the call under the operation's and the outcome's tags. */
    @Override
    protected <T> T intercept(StoreOperation operation, Supplier<T> call) {
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

    private Timer timer(StoreOperation operation, Outcome outcome) {
        int index = operation.ordinal() * OUTCOMES + outcome.ordinal();
        Timer timer = timers.get(index);
        if (timer == null) {
            // The registry returns the same timer to racing callers, so a lost race is harmless.
            Timer.Builder builder = Timer.builder(config.metricName())
                    .description("Calls of a checkpoint store")
                    .tags(config.tags())
                    .tag("store", config.storeName())
                    .tag("operation", operation.name().toLowerCase(Locale.ROOT))
                    .tag("outcome", outcome.tag)
                    .publishPercentileHistogram(config.percentileHistogram());
            if (percentiles.length > 0) {
                builder.publishPercentiles(percentiles);
            }
            timer = builder.register(registry);
            timers.set(index, timer);
        }
        return timer;
    }
}
