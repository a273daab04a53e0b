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

/** The whole kit through autoTrim(breaker(metered(preloader(memory)))). */
class AllDecoratorsInsideOutTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        MeterRegistry registry = new SimpleMeterRegistry();
        return autoTrim(breaker(metered(preloader(MemoryCheckpointStore.create(), registry), registry), registry),
                registry);
    }
}
