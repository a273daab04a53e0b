package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the SQL backends' benchmarks ({@link PostgresBenchmark}, {@link SqliteBenchmark}) share:
 * the checkpoint they save (a 1 KiB state, two metadata entries), the execution of 50 they read,
 * the store's side of {@code save} and {@code latest}, and the parts of the raw JDBC baselines
 * that are the same on both (the row a raw save binds, the columns a raw read reads). JMH runs
 * the inherited benchmarks under each subclass's name and settings; the subclass opens the
 * store, fills {@link #listedExecution} in its setup and adds the raw baselines.
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

    /**
     * Binds the first four parameters of a raw baseline's INSERT to the row {@link #save()}
     * writes: a new id, {@link #executionId}, node {@code plan} and {@link #state}. The metadata
     * and the timestamp follow, in the backend's own column types.
     */
    void bindRawSave(PreparedStatement insert) throws SQLException {
        insert.setString(1, "raw-" + sequence.incrementAndGet());
        insert.setString(2, executionId);
        insert.setString(3, "plan");
        insert.setBytes(4, state);
    }

    /**
     * Runs a prepared SELECT of {@link #listedExecution} (its one parameter) and reads every
     * column of every row, in the order id, execution id, parent id, node name, state, metadata,
     * timestamp, version: the raw side of the reads.
     */
    void readListedRows(PreparedStatement query, Blackhole bh) throws SQLException {
        query.setString(1, listedExecution);
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getString(1));
                bh.consume(rs.getString(2));
                bh.consume(rs.getString(3));
                bh.consume(rs.getString(4));
                bh.consume(rs.getBytes(5));
                bh.consume(rs.getString(6));
                consumeTimestamp(rs, 7, bh);
                bh.consume(rs.getLong(8));
            }
        }
    }

    /** Reads the timestamp column in the backend's own column type. */
    abstract void consumeTimestamp(ResultSet rs, int column, Blackhole bh) throws SQLException;
}
