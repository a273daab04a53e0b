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

    /** Reads the newest checkpoint of {@code executionId}, every field. */
    Object latest(String executionId) throws Exception;

    @Override
    void close() throws Exception;
}
