package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;

import java.util.List;
import java.util.OptionalLong;

/** The memory store, filled by its own {@code save} (nothing is faster in-process). */
final class MemoryScaleBackend implements ScaleBackend {

    private final MemoryCheckpointStore store = MemoryCheckpointStore.create();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public CheckpointStore store() {
        return store;
    }

    @Override
    public void fill(List<Checkpoint> checkpoints) {
        checkpoints.forEach(store::save);
    }

    @Override
    public String fillMethod() {
        return "save() in a loop, one thread";
    }

    @Override
    public OptionalLong storedBytes() {
        return OptionalLong.empty();
    }

    @Override
    public String storedBytesMethod() {
        return "not measured (heap)";
    }

    @Override
    public void close() {
        store.close();
    }
}
