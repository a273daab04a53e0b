package io.checkpointkit.memory.decorators;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

/**
 * The whole kit through a circuit breaker with a one-call window: the kit's conflicts, bad
 * arguments and closed-store calls must never open it (a single counted failure would).
 */
class CircuitBreakingMemoryStoreTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        return CircuitBreakingCheckpointStore.wrap(MemoryCheckpointStore.create(),
                CircuitBreakerConfig.builder().slidingWindowSize(1).minimumCalls(1).build());
    }
}
