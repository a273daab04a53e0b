package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.preloader.PreloaderConfig;
import io.checkpointkit.preloader.PreloadingCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

/**
 * The composition the README recommends when a cache is wanted: the preloader inside the
 * encrypting store, so it caches ciphertext and no plaintext stays in memory; the whole kit
 * passes through it.
 */
class PreloaderInsideEncryptionTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        return TestKeys.encrypting(PreloadingCheckpointStore.wrap(MemoryCheckpointStore.create(), PreloaderConfig.defaults()),
                TestKeys.K1);
    }
}
