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
     * Writes what {@code rows} store saves must write, not only the row: its version, the id's
     * ownership by its execution and the execution's write time, in the driver's best pattern.
     * PostgreSQL and Redis ({@code rows} is 1): one round trip that writes checkpoint {@code id}
     * of {@link ConcurrencyBackend#STATE} into {@code executionId}. SQLite: one transaction of
     * {@code rows} rows, row {@code i} into execution {@code executionId-i} (as {@code rows}
     * agents each save into their own execution) with id {@code executionId-i-id}, through the
     * store's upsert with {@code RETURNING version}, then the upsert of that execution's write time.
     *
     * @return the new version (PostgreSQL, Redis), or the number of rows written (SQLite)
     */
    long saveFull(String executionId, String id, int rows) throws Exception;

    /** Reads the newest checkpoint of {@code executionId}, every field. */
    Object latest(String executionId) throws Exception;

    @Override
    void close() throws Exception;
}
