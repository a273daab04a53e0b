package io.checkpointkit.memory.decorators;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.decorators.ForwardingCheckpointStore;
import io.checkpointkit.retention.RetentionPolicy;
import io.checkpointkit.retention.RetentionSweeper;

import java.time.Duration;

/**
 * The decorators of checkpoint-api with settings under which they do not change results: keep
 * counts above what the kit writes, no idle clearing, a breaker that only real unavailability
 * would open (a one-call window, so a single wrongly counted failure would open it).
 */
final class Compose {

    private static final int KEEP = 100_000;

    private Compose() {
    }

    static CheckpointStore autoTrim(CheckpointStore store) {
        return AutoTrimmingCheckpointStore.wrap(store, AutoTrimConfig.builder().keepLatest(KEEP).threshold(1).build());
    }

    static CheckpointStore breaker(CheckpointStore store) {
        return CircuitBreakingCheckpointStore.wrap(store,
                CircuitBreakerConfig.builder().slidingWindowSize(1).minimumCalls(1).build());
    }

    /** Sweeps the store every millisecond, in the background, until the store is closed. */
    static CheckpointStore swept(CheckpointStore store) {
        RetentionSweeper sweeper = RetentionSweeper.builder(store, RetentionPolicy.keepLatest(KEEP)).pageSize(7).build();
        sweeper.start(Duration.ZERO, Duration.ofMillis(1));
        return new ForwardingCheckpointStore(store) {
            @Override
            public void close() {
                sweeper.close();
                super.close();
            }
        };
    }
}
