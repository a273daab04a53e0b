package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;

/** The whole kit through the encrypting decorator around the memory store. */
class EncryptingMemoryStoreTckTest extends CheckpointStoreTck {

    @Override
    protected CheckpointStore newStore() {
        return TestKeys.encrypting(MemoryCheckpointStore.create(), TestKeys.K1, TestKeys.K2);
    }
}
