package io.checkpointkit.micrometer;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.preloader.PreloaderConfig;
import io.checkpointkit.preloader.PreloadingCheckpointStore;

import io.micrometer.core.instrument.MeterRegistry;

/** Every decorator, with settings under which none changes a result, each bound to a registry. */
final class AllDecorators {

    private AllDecorators() {
    }

    static CheckpointStore autoTrim(CheckpointStore store, MeterRegistry registry) {
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(100_000).threshold(1).build());
        new AutoTrimMetrics(trimming, "tck").bindTo(registry);
        return trimming;
    }

    static CheckpointStore breaker(CheckpointStore store, MeterRegistry registry) {
        CircuitBreakingCheckpointStore breaker = CircuitBreakingCheckpointStore.wrap(store,
                CircuitBreakerConfig.builder().slidingWindowSize(1).minimumCalls(1).build());
        new CircuitBreakerMetrics(breaker, "tck").bindTo(registry);
        return breaker;
    }

    static CheckpointStore preloader(CheckpointStore store, MeterRegistry registry) {
        PreloadingCheckpointStore preloading = PreloadingCheckpointStore.wrap(store, PreloaderConfig.defaults());
        new PreloaderMetrics(preloading, "tck").bindTo(registry);
        return preloading;
    }

    static CheckpointStore metered(CheckpointStore store, MeterRegistry registry) {
        return MeteredCheckpointStore.wrap(store, registry, MeteringConfig.builder().storeName("tck").build());
    }
}
