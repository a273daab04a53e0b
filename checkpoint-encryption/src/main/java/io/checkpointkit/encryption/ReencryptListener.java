package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.UnreadableExecution;

/**
 * What {@link EncryptingCheckpointStore#reencrypt} reports as it goes: for progress bars, logs
 * and resuming. Called on the thread running the pass; every method does nothing by default.
 */
public interface ReencryptListener {

    /** A listener that ignores everything. */
    ReencryptListener NONE = new ReencryptListener() {
    };

    /**
     * An execution is done: each of its checkpoints was rewritten, found current, found gone, or
     * reported. Pass {@code executionId} as {@code afterExecutionId} to resume after it.
     *
     * @param executionId the execution just finished
     * @param soFar the counts of the pass up to and including it
     */
    default void executionDone(String executionId, ReencryptSummary soFar) {
    }

    /**
     * A checkpoint's state cannot be decrypted (its key is gone, or it was changed); it is left as
     * it is and the pass goes on.
     *
     * @param error names the checkpoint and what is wrong
     */
    default void checkpointUnreadable(CheckpointCorruptedException error) {
    }

    /**
     * The store listed an execution it cannot read; it is skipped.
     *
     * @param execution the execution and the reason
     */
    default void executionUnreadable(UnreadableExecution execution) {
    }
}
