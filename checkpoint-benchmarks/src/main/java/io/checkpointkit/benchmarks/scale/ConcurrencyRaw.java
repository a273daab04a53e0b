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
     * SQLite only: one transaction of {@code rows} rows written the way the store's save writes
     * them, so that the ceiling writes what a store save must: row {@code i} goes into
     * execution {@code executionId-i} (as {@code rows} agents each save into their own
     * execution) with id {@code executionId-i-idSuffix}, through the store's upsert with
     * {@code RETURNING version}, followed by the upsert of that execution's write time.
     *
     * @return how many rows were written
     * @throws UnsupportedOperationException on the other backends
     */
    default int saveStoreRows(String executionId, String idSuffix, int rows) throws Exception {
        throw new UnsupportedOperationException("only SQLite has a batched raw save");
    }

    /** Reads the newest checkpoint of {@code executionId}, every field. */
    Object latest(String executionId) throws Exception;

    @Override
    void close() throws Exception;
}
