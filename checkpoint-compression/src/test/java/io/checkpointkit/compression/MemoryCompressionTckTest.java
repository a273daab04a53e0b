package io.checkpointkit.compression;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

/**
 * The whole kit through compression with threshold 0, so every state the kit writes that zstd
 * can shrink (the uniform 4 KiB states, the 512-byte sequence) is stored compressed and every
 * other one (random 16 MiB, tiny states) takes the stored-as-is path.
 */
class MemoryCompressionTckTest extends CheckpointStoreTck {

    /** Compress everything compressible. */
    static final CompressionConfig EVERYTHING = CompressionConfig.builder().threshold(0).build();

    @Override
    protected CheckpointStore newStore() {
        return CompressingCheckpointStore.wrap(MemoryCheckpointStore.create(), EVERYTHING);
    }
}
