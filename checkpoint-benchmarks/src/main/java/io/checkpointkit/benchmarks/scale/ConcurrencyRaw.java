package io.checkpointkit.benchmarks.scale;

/**
 * The raw-driver side of one benchmark thread: the I/O of a {@code save} and a {@code latest}
 * done with the driver directly, the best way the driver allows at that concurrency.
 */
interface ConcurrencyRaw extends AutoCloseable {

    /**
     * Writes {@code rows} checkpoints of {@link ConcurrencyBackend#STATE} into
     * {@code executionId}, ids {@code idPrefix}, {@code idPrefix-1}, …; only SQLite's ceiling
     * writes more than one (in one transaction).
     *
     * @return how many rows were written
     */
    int save(String executionId, String idPrefix, int rows) throws Exception;

    /**
     * Writes one checkpoint of {@link ConcurrencyBackend#STATE} as {@code id} into
     * {@code executionId} with everything a store's save must keep besides the row: its
     * version, the id's ownership by the execution and the execution's write time, in the best
     * single round trip the driver allows (PostgreSQL and Redis only).
     *
     * @return the new version
     */
    default long saveFull(String executionId, String id) throws Exception {
        throw new UnsupportedOperationException("rawSaveFull runs on postgres and redis only");
    }

    /** Reads the newest checkpoint of {@code executionId}, every field. */
    Object latest(String executionId) throws Exception;

    @Override
    void close() throws Exception;
}
