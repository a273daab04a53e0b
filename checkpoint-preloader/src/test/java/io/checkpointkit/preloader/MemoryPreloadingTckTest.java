package io.checkpointkit.preloader;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

import java.time.Duration;

/** The whole contract through the cache, with every key hot and one-second preloader rounds. */
class MemoryPreloadingTckTest extends CheckpointStoreTck {

    /** Every key is hot; entries live two rounds, so each round refreshes what it preloaded. */
    static final PreloaderConfig ACTIVE = PreloaderConfig.builder()
            .interval(Duration.ofSeconds(1))
            .expireAfterWrite(Duration.ofSeconds(2))
            .threshold(0)
            .build();

    @Override
    protected CheckpointStore newStore() {
        return PreloadingCheckpointStore.wrap(MemoryCheckpointStore.create(), ACTIVE);
    }
}
