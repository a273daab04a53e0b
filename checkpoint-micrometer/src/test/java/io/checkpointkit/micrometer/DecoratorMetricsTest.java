package io.checkpointkit.micrometer;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.preloader.PreloaderConfig;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore.Operation;
import io.checkpointkit.preloader.PreloadingCheckpointStore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecoratorMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double counter(String name) {
        return registry.get(name).tag("store", "orders").functionCounter().count();
    }

    private double gauge(String name) {
        return registry.get(name).tag("store", "orders").gauge().value();
    }

    @Test
    void autoTrimStatisticsBecomeMeters() {
        AutoTrimmingCheckpointStore store = AutoTrimmingCheckpointStore.wrap(MemoryCheckpointStore.create(),
                AutoTrimConfig.builder().keepLatest(1).threshold(3).executor(Runnable::run).build());
        new AutoTrimMetrics(store, "orders").bindTo(registry);
        for (int n = 0; n < 3; n++) {
            store.save(Checkpoint.builder("e").id("cp" + n).timestamp(Instant.EPOCH.plusSeconds(n)).build());
        }

        assertThat(counter("checkpoint.autotrim.trims")).isEqualTo(1);
        assertThat(counter("checkpoint.autotrim.removed")).isEqualTo(2);
        assertThat(counter("checkpoint.autotrim.failures")).isZero();
        assertThat(counter("checkpoint.autotrim.dropped")).isZero();
        assertThat(gauge("checkpoint.autotrim.queue.depth")).isZero();
        store.close();
    }

    @Test
    void breakerStatisticsAndStateBecomeMeters() {
        InstrumentedCheckpointStore down = InstrumentedCheckpointStore.wrap(MemoryCheckpointStore.create());
        down.failWith(operation -> new CheckpointStoreUnavailableException("down"), Operation.LOAD);
        CircuitBreakingCheckpointStore breaker = CircuitBreakingCheckpointStore.wrap(down,
                CircuitBreakerConfig.builder().slidingWindowSize(3).minimumCalls(3).build());
        new CircuitBreakerMetrics(breaker, "orders").bindTo(registry);
        assertThat(registry.get("checkpoint.breaker.state").tags("store", "orders", "state", "closed").gauge().value())
                .isEqualTo(1);

        breaker.list("e");
        assertThatThrownBy(() -> breaker.load("x")).isInstanceOf(CheckpointStoreUnavailableException.class);
        assertThat(gauge("checkpoint.breaker.failure.rate")).isEqualTo(0.5);
        assertThatThrownBy(() -> breaker.load("x")).isInstanceOf(CheckpointStoreUnavailableException.class);
        assertThatThrownBy(() -> breaker.load("x")).isInstanceOf(CheckpointStoreUnavailableException.class);

        assertThat(counter("checkpoint.breaker.calls")).isEqualTo(3);
        assertThat(gauge("checkpoint.breaker.failure.rate")).isEqualTo(2.0 / 3);
        assertThat(counter("checkpoint.breaker.failures")).isEqualTo(2);
        assertThat(counter("checkpoint.breaker.rejections")).isEqualTo(1);
        assertThat(counter("checkpoint.breaker.transitions")).isEqualTo(1);
        assertThat(registry.get("checkpoint.breaker.state").tags("store", "orders", "state", "open").gauge().value())
                .isEqualTo(1);
        assertThat(registry.get("checkpoint.breaker.state").tags("store", "orders", "state", "closed").gauge().value())
                .isZero();
    }

    @Test
    void preloaderStatisticsBecomeMeters() {
        PreloadingCheckpointStore store = PreloadingCheckpointStore.wrap(MemoryCheckpointStore.create(),
                PreloaderConfig.defaults());
        new PreloaderMetrics(store, "orders").bindTo(registry);
        store.save(Checkpoint.builder("e").id("cp").build());
        store.load("cp");
        store.load("cp");

        assertThat(counter("checkpoint.preloader.accesses")).isEqualTo(store.stats().accesses()).isPositive();
        assertThat(gauge("checkpoint.preloader.tracked.keys")).isEqualTo(store.stats().trackedKeys());
        assertThat(gauge("checkpoint.preloader.cache.hit.rate")).isEqualTo(store.stats().cacheHitRate());
        assertThat(registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("checkpoint.preloader.")))
                .hasSize(9);
        store.close();
    }
}
