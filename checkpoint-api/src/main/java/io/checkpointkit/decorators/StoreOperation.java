package io.checkpointkit.decorators;

/**
 * The operations of a {@link io.checkpointkit.CheckpointStore} that reach its data, as an
 * {@link InterceptingCheckpointStore} names them: one constant per method, with {@link #QUERY}
 * for {@code list(executionId, query)}. {@code capabilities()} and {@code close()} are not
 * among them.
 */
public enum StoreOperation {
    /** {@code save(checkpoint)}. */
    SAVE,
    /** {@code load(checkpointId)}. */
    LOAD,
    /** {@code list(executionId)}. */
    LIST,
    /** {@code list(executionId, query)}. */
    QUERY,
    /** {@code delete(checkpointId)}. */
    DELETE,
    /** {@code clear(executionId)}. */
    CLEAR,
    /** {@code clearIfIdleSince(executionId, cutoff)}. */
    CLEAR_IF_IDLE,
    /** {@code latest(executionId)}. */
    LATEST,
    /** {@code trim(executionId, keepLatest)}. */
    TRIM,
    /** {@code executions(afterExecutionId, limit)}. */
    EXECUTIONS
}
