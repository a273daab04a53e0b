package io.checkpointkit.micrometer;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.decorators.CircuitOpenException;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore.Operation;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeteredCheckpointStoreTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

    /** A store whose saves take 5 ms by the registry's clock, and which can be made unavailable. */
    private InstrumentedCheckpointStore slowStore() {
        InstrumentedCheckpointStore slow = InstrumentedCheckpointStore.wrap(MemoryCheckpointStore.create());
        slow.onCall((operation, argument) -> {
            if (operation == Operation.SAVE) {
                clock.add(Duration.ofMillis(5));
            }
        });
        return slow;
    }

    private static void down(InstrumentedCheckpointStore store) {
        store.failWith(operation -> new CheckpointStoreUnavailableException("down"), Operation.SAVE);
    }

    private Timer timer(String operation, String outcome) {
        return registry.get(MeteringConfig.DEFAULT_METRIC_NAME)
                .tags("store", "orders", "operation", operation, "outcome", outcome).timer();
    }

    @Test
    void timesEachOperationWithStoreOperationAndOutcomeTags() {
        InstrumentedCheckpointStore slow = slowStore();
        MeteredCheckpointStore store = MeteredCheckpointStore.wrap(slow, registry, MeteringConfig.builder()
                .storeName("orders").tags(Tags.of("app", "test")).build());

        Checkpoint saved = store.save(Checkpoint.builder("e").id("cp").build());
        store.load("cp");
        store.list("e");
        store.list("e", CheckpointQuery.builder().limit(1).build());
        store.latest("e");

        assertThat(timer("save", "success").count()).isEqualTo(1);
        assertThat(timer("save", "success").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5.0);
        assertThat(timer("load", "success").count()).isEqualTo(1);
        assertThat(timer("list", "success").count()).isEqualTo(1);
        assertThat(timer("query", "success").count()).isEqualTo(1);
        assertThat(timer("latest", "success").count()).isEqualTo(1);
        assertThat(registry.get(MeteringConfig.DEFAULT_METRIC_NAME).tag("app", "test").timers()).hasSize(5);
        assertThat(store.load("cp")).contains(saved);
    }

    @Test
    void failuresAreTaggedWithTheirOutcomeAndPassThroughUnchanged() {
        InstrumentedCheckpointStore slow = slowStore();
        MeteredCheckpointStore store = MeteredCheckpointStore.wrap(slow, registry,
                MeteringConfig.builder().storeName("orders").build());
        store.save(Checkpoint.builder("e").id("cp").build());

        assertThatThrownBy(() -> store.save(Checkpoint.builder("other").id("cp").build()))
                .isInstanceOf(CheckpointConflictException.class);
        assertThatThrownBy(() -> store.load("bad\u0000id")).isInstanceOf(IllegalArgumentException.class);
        down(slow);
        assertThatThrownBy(() -> store.save(Checkpoint.builder("e").build()))
                .isInstanceOf(CheckpointStoreUnavailableException.class);
        store.close();
        assertThatThrownBy(() -> store.list("e")).isInstanceOf(IllegalStateException.class);

        assertThat(timer("save", "conflict").count()).isEqualTo(1);
        assertThat(timer("load", "invalid_argument").count()).isEqualTo(1);
        assertThat(timer("save", "unavailable").count()).isEqualTo(1);
        assertThat(timer("list", "closed").count()).isEqualTo(1);
    }

    @Test
    void callsRejectedByABreakerAreTaggedRejected() {
        InstrumentedCheckpointStore slow = slowStore();
        down(slow);
        CircuitBreakingCheckpointStore breaker = CircuitBreakingCheckpointStore.wrap(slow,
                CircuitBreakerConfig.builder().slidingWindowSize(1).minimumCalls(1).build());
        MeteredCheckpointStore store = MeteredCheckpointStore.wrap(breaker, registry,
                MeteringConfig.builder().storeName("orders").build());

        assertThatThrownBy(() -> store.save(Checkpoint.builder("e").build()))
                .isInstanceOf(CheckpointStoreUnavailableException.class);
        assertThatThrownBy(() -> store.save(Checkpoint.builder("e").build()))
                .isInstanceOf(CircuitOpenException.class);

        assertThat(timer("save", "unavailable").count()).isEqualTo(1);
        assertThat(timer("save", "rejected").count()).isEqualTo(1);
    }

    @Test
    void builderValidatesItsArguments() {
        CheckpointStore memory = MemoryCheckpointStore.create();
        assertThatThrownBy(() -> MeteringConfig.builder().storeName(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("storeName");
        assertThatThrownBy(() -> MeteringConfig.builder().publishPercentiles(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentiles");
        assertThatThrownBy(() -> MeteredCheckpointStore.wrap(memory, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("registry");
        assertThat(MeteredCheckpointStore.wrap(memory, registry).storeName())
                .isEqualTo(MeteringConfig.DEFAULT_STORE_NAME);
    }
}
