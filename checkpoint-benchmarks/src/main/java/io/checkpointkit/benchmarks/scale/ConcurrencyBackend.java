package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;

import java.util.Map;

/**
 * One backend of {@link ConcurrencyBenchmark}: the store measured, and the raw-driver pattern it
 * is compared with at the same concurrency. Opened once per JMH trial; {@link #openRaw()} is
 * called by each benchmark thread for its own raw session.
 */
abstract class ConcurrencyBackend implements AutoCloseable {

    /** Checkpoints in each execution that {@code latest} reads. */
    static final int LISTED = 50;
    /** The state of every checkpoint written, 1 KiB. */
    static final byte[] STATE = state();
    /** The metadata of every checkpoint written. */
    static final Map<String, String> METADATA = Map.of("node", "plan", "step", "7");
    /** The same metadata as the JSON text a raw client writes. */
    static final String METADATA_JSON = "{\"node\":\"plan\",\"step\":\"7\"}";

    /** The store measured. */
    abstract CheckpointStore store();

    /** A raw session for one benchmark thread, on the shared raw resources (pool, connection). */
    abstract ConcurrencyRaw openRaw() throws Exception;

    /**
     * How many distinct ids one thread's saves cycle through; 0 for "a new id every time". A
     * bound keeps an in-memory backend's size steady (every save after the first round is an
     * upsert of an existing id, on both sides).
     */
    int idRing() {
        return 0;
    }

    /**
     * Fills {@code executionId} with {@value #LISTED} checkpoints through the store and the raw
     * side's execution of the same name with the same rows, for {@code latest}.
     */
    void fillListed(String executionId) throws Exception {
        try (ConcurrencyRaw raw = openRaw()) {
            for (int i = 0; i < LISTED; i++) {
                Checkpoint cp = Checkpoint.builder(executionId).id(executionId + "-" + i).nodeName("plan")
                        .state(STATE).metadata(METADATA).build();
                store().save(cp);
                raw.save(rawExecution(executionId), rawExecution(executionId) + "-" + i, 1);
            }
        }
    }

    /**
     * Called once per trial after the fill and before the first measured call: brings the server
     * to the same state for every trial, whatever earlier trials wrote. Nothing by default.
     */
    void settle() throws Exception {
    }

    /**
     * The raw side's name for an execution: distinct from the store's, as both may share a
     * table or a key space.
     */
    static String rawExecution(String executionId) {
        return "raw-" + executionId;
    }

    /** Deletes everything the trial wrote and closes the store and the raw resources. */
    @Override
    public abstract void close() throws Exception;

    private static byte[] state() {
        byte[] state = new byte[1024];
        for (int i = 0; i < state.length; i++) {
            state[i] = (byte) (i * 31);
        }
        return state;
    }

    /** Epoch microseconds of now, as the store stores timestamps. */
    static long nowMicros() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
