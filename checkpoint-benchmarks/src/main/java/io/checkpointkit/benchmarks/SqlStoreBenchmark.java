package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import org.openjdk.jmh.annotations.Benchmark;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the SQL backends' benchmarks ({@link PostgresBenchmark}, {@link SqliteBenchmark}) share:
 * the checkpoint they save (a 1 KiB state, two metadata entries), the execution of 50 they read,
 * and the store's side of {@code save} and {@code latest}. JMH runs these inherited benchmarks
 * under each subclass's name and settings; the subclass opens the store, fills
 * {@link #listedExecution} in its setup and adds the raw baselines.
 *
 * @param <S> the store measured
 */
abstract class SqlStoreBenchmark<S extends CheckpointStore> {

    /** Checkpoints in {@link #listedExecution}, and in each execution a trim cuts. */
    static final int LISTED = 50;
    /** Checkpoints a trim keeps. */
    static final int KEPT = 10;

    /** The store measured, opened by the subclass's setup. */
    S store;
    /** The state of every checkpoint written, 1 KiB. */
    final byte[] state = new byte[1024];
    /** The metadata of the checkpoints saved. */
    final Map<String, String> metadata = Map.of("node", "plan", "step", "7");
    /** The execution {@code save} writes to. */
    final String executionId = "bench-" + UUID.randomUUID();
    /** The execution of {@value #LISTED} checkpoints that reads read. */
    final String listedExecution = "bench-listed-" + UUID.randomUUID();
    /** Numbers the ids of the checkpoints saved, from any thread. */
    final AtomicLong sequence = new AtomicLong();

    SqlStoreBenchmark() {
        for (int i = 0; i < state.length; i++) {
            state[i] = (byte) (i * 31);
        }
    }

    /** The store's save of a new checkpoint. */
    @Benchmark
    public Checkpoint save() {
        return store.save(Checkpoint.builder(executionId).id("save-" + sequence.incrementAndGet()).nodeName("plan")
                .state(state).metadata(metadata).build());
    }

    /** The store's latest of an execution of 50. */
    @Benchmark
    public Object latest() {
        return store.latest(listedExecution).orElseThrow();
    }
}
