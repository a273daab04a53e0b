package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.compression.CompressingCheckpointStore;
import io.checkpointkit.compression.CompressionConfig;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

/**
 * The whole kit through both state decorators in the one order allowed: compress, then encrypt
 * (the compressing store outside). Threshold 0, so every compressible state takes both steps.
 */
class CompressedThenEncryptedMemoryTckTest extends CheckpointStoreTck {

    static final CompressionConfig EVERYTHING = CompressionConfig.builder().threshold(0).build();

    @Override
    protected CheckpointStore newStore() {
        return CompressingCheckpointStore.wrap(
                TestKeys.encrypting(MemoryCheckpointStore.create(), TestKeys.K1, TestKeys.K2), EVERYTHING);
    }
}
