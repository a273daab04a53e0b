package io.checkpointkit.langchain4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.ForwardingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import org.junit.jupiter.api.AfterEach;

/** The scope store over the memory store: every "new store" is a new view of one shared store. */
class MemoryAgenticScopeStoreTest extends AgenticScopeStoreTest {

    private final MemoryCheckpointStore shared = MemoryCheckpointStore.create();

    @Override
    protected CheckpointStore openStore() {
        return new ForwardingCheckpointStore(shared) {
            @Override
            public void close() {
                // the shared store outlives each view; closed after the test
            }
        };
    }

    @AfterEach
    void closeShared() {
        shared.close();
    }
}
