package io.checkpointkit.langgraph4j;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.ForwardingCheckpointStore;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the reading calls that reach a store, to check that the saver makes one per question. */
final class CountingStore extends ForwardingCheckpointStore {

    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger latests = new AtomicInteger();
    final AtomicInteger lists = new AtomicInteger();

    CountingStore(CheckpointStore delegate) {
        super(delegate);
    }

    int reads() {
        return loads.get() + latests.get() + lists.get();
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        loads.incrementAndGet();
        return super.load(checkpointId);
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        latests.incrementAndGet();
        return super.latest(executionId);
    }

    @Override
    public List<Checkpoint> list(String executionId) {
        lists.incrementAndGet();
        return super.list(executionId);
    }

    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        lists.incrementAndGet();
        return super.list(executionId, query);
    }
}
