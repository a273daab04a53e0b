package io.checkpointkit.micrometer;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static io.checkpointkit.micrometer.AllDecorators.autoTrim;
import static io.checkpointkit.micrometer.AllDecorators.breaker;
import static io.checkpointkit.micrometer.AllDecorators.metered;
import static io.checkpointkit.micrometer.AllDecorators.preloader;

/** The whole kit through metered(preloader(breaker(autoTrim(memory)))). */
class AllDecoratorsOutsideInTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        MeterRegistry registry = new SimpleMeterRegistry();
        return metered(preloader(breaker(autoTrim(MemoryCheckpointStore.create(), registry), registry), registry),
                registry);
    }
}
