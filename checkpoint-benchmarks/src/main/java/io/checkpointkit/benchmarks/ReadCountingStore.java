package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.ForwardingCheckpointStore;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The preloader workloads' backend with every read counted ({@code latest} and {@code load}:
 * readers' misses, refreshes and preloads alike), in total and per thread. Closing it leaves the
 * backend open: the workload closes the backend itself, once, at the end.
 */
final class ReadCountingStore extends ForwardingCheckpointStore {
    private final AtomicLong reads = new AtomicLong();
    private final ThreadLocal<long[]> threadReads = ThreadLocal.withInitial(() -> new long[1]);

    ReadCountingStore(CheckpointStore delegate) {
        super(delegate);
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        countRead();
        return super.latest(executionId);
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        countRead();
        return super.load(checkpointId);
    }

    private void countRead() {
        reads.incrementAndGet();
        threadReads.get()[0]++;
    }

    /** Backend reads so far, on every thread. */
    long reads() {
        return reads.get();
    }

    /** Backend reads made on the calling thread so far. */
    long readsOnThisThread() {
        return threadReads.get()[0];
    }

    @Override
    public void close() {
        // the workload closes the backend once, at the end
    }
}
