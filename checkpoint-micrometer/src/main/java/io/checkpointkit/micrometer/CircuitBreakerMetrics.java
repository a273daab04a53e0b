package io.checkpointkit.micrometer;

import io.checkpointkit.decorators.CircuitBreakerStats;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.decorators.CircuitState;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

import java.util.Locale;

/**
 * Exposes the {@link CircuitBreakerStats} of a {@link CircuitBreakingCheckpointStore} as meters,
 * tagged {@code store}:
 * <ul>
 *   <li>{@code checkpoint.breaker.calls} (counter): calls that reached the store;
 *   <li>{@code checkpoint.breaker.failures} (counter): calls that failed and counted;
 *   <li>{@code checkpoint.breaker.rejections} (counter): calls rejected without reaching the store;
 *   <li>{@code checkpoint.breaker.transitions} (counter): state transitions;
 *   <li>{@code checkpoint.breaker.failure.rate} (gauge): failure rate over the sliding window, 0 to 1;
 *   <li>{@code checkpoint.breaker.buffered.calls} (gauge): outcomes in the sliding window;
 *   <li>{@code checkpoint.breaker.state} (gauge, one per {@code state} tag {@code closed},
 *       {@code open}, {@code half_open}): 1 for the current state, 0 for the others.
 * </ul>
 * The meters read the statistics when the registry publishes; they hold the store weakly.
 *
 * <pre>{@code
 * new CircuitBreakerMetrics(breaker, "orders").bindTo(registry);
 * }</pre>
 */
public final class CircuitBreakerMetrics
        extends StatsMeterBinder<CircuitBreakingCheckpointStore, CircuitBreakerStats> {

    /**
     * @param store the breaker to watch
     * @param storeName the value of the {@code store} tag
     * @throws NullPointerException if an argument is null
     */
    public CircuitBreakerMetrics(CircuitBreakingCheckpointStore store, String storeName) {
        this(store, storeName, Tags.empty());
    }

    /**
     * @param store the breaker to watch
     * @param storeName the value of the {@code store} tag
     * @param tags more tags for every meter
     * @throws NullPointerException if an argument is null
     */
    public CircuitBreakerMetrics(CircuitBreakingCheckpointStore store, String storeName, Iterable<Tag> tags) {
        super(store, CircuitBreakingCheckpointStore::stats, storeName, tags);
    }

    /**
     * Registers the meters.
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "checkpoint.breaker.calls", "Calls that reached the store", CircuitBreakerStats::calls);
        counter(registry, "checkpoint.breaker.failures", "Calls that failed and counted",
                CircuitBreakerStats::failures);
        counter(registry, "checkpoint.breaker.rejections", "Calls rejected by the breaker",
                CircuitBreakerStats::rejections);
        counter(registry, "checkpoint.breaker.transitions", "Breaker state transitions",
                CircuitBreakerStats::transitions);
        gauge(registry, "checkpoint.breaker.failure.rate", "Failure rate over the sliding window",
                CircuitBreakerStats::failureRate);
        gauge(registry, "checkpoint.breaker.buffered.calls", "Outcomes in the sliding window",
                CircuitBreakerStats::bufferedCalls);
        for (CircuitState state : CircuitState.values()) {
            gauge(registry, "checkpoint.breaker.state", "1 for the breaker's current state, else 0",
                    tags().and("state", state.name().toLowerCase(Locale.ROOT)),
                    stats -> stats.state() == state ? 1 : 0);
        }
    }
}
