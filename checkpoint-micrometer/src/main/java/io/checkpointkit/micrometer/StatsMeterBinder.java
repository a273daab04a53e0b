package io.checkpointkit.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What the binders of the decorators' statistics share: the {@code store} tag and the user's
 * tags, and meters that read one field of the statistics each time the registry publishes. The
 * meters are registered on the decorator itself, which Micrometer holds weakly, and read its
 * statistics through {@code stats}, so a binder never keeps a closed decorator alive through the
 * registry.
 *
 * @param <D> the decorator
 * @param <S> its statistics
 */
abstract class StatsMeterBinder<D, S> implements MeterBinder {

    private final D decorator;
    private final Function<D, S> stats;
    private final Tags tags;

    /**
     * @throws NullPointerException if an argument is null
     */
    StatsMeterBinder(D decorator, Function<D, S> stats, String storeName, Iterable<Tag> tags) {
        this.decorator = Objects.requireNonNull(decorator, "store must not be null");
        this.stats = stats;
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags must not be null"))
                .and("store", Objects.requireNonNull(storeName, "storeName must not be null"));
    }

    /** The tags of every meter: the user's and {@code store}. */
    final Tags tags() {
        return tags;
    }

    /** Registers a counter that reads {@code value} of the statistics. */
    final void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<S> value) {
        FunctionCounter.builder(name, decorator, d -> value.applyAsDouble(stats.apply(d)))
                .description(description).tags(tags).register(registry);
    }

    /** Registers a gauge, tagged as every meter, that reads {@code value} of the statistics. */
    final void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<S> value) {
        gauge(registry, name, description, tags, value);
    }

    /** Registers a gauge with its own tags that reads {@code value} of the statistics. */
    final void gauge(MeterRegistry registry, String name, String description, Tags meterTags,
                     ToDoubleFunction<S> value) {
        Gauge.builder(name, decorator, d -> value.applyAsDouble(stats.apply(d)))
                .description(description).tags(meterTags).register(registry);
    }
}
