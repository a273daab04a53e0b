package io.checkpointkit.springboot.autoconfigure;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.micrometer.AutoTrimMetrics;
import io.checkpointkit.micrometer.CircuitBreakerMetrics;
import io.checkpointkit.micrometer.MeteredCheckpointStore;
import io.checkpointkit.micrometer.MeteringConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ListableBeanFactory;

/** The metrics part of the chain; loaded only when Micrometer and checkpoint-micrometer are present. */
final class MeteredChain {

    private MeteredChain() {
    }

    /** The application's MeterRegistry (the primary one, if several), or null. */
    static Object registry(ListableBeanFactory beans) {
        return beans.getBeanProvider(MeterRegistry.class).getIfUnique();
    }

    /** The timers' configuration; checked before the store is opened. */
    static Object config(String storeName) {
        try {
            return MeteringConfig.builder().storeName(storeName).build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidCheckpointKitPropertyException(CheckpointKitProperties.PREFIX + ".metrics.store-name",
                    String.valueOf(e.getMessage()), e);
        }
    }

    static CheckpointStore wrap(CheckpointStore chain, Object registry, Object config, String storeName,
            CircuitBreakingCheckpointStore breaker, AutoTrimmingCheckpointStore trimming) {
        MeterRegistry meters = (MeterRegistry) registry;
        if (breaker != null) {
            new CircuitBreakerMetrics(breaker, storeName).bindTo(meters);
        }
        if (trimming != null) {
            new AutoTrimMetrics(trimming, storeName).bindTo(meters);
        }
        return MeteredCheckpointStore.wrap(chain, meters, (MeteringConfig) config);
    }
}
