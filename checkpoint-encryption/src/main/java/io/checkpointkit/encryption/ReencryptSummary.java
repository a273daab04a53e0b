package io.checkpointkit.encryption;

import java.util.Optional;

/**
 * The counts of a {@link EncryptingCheckpointStore#reencrypt} pass.
 *
 * @param primaryKeyId the key every state was moved to
 * @param executions executions finished
 * @param checkpoints checkpoints read
 * @param rewritten checkpoints whose state was moved to the primary key
 * @param current checkpoints already under the primary key (including those a concurrent writer
 *     had just rewritten)
 * @param gone checkpoints deleted while the pass ran
 * @param unreadable checkpoints whose state could not be decrypted, left as they were, plus
 *     executions the store could not read
 * @param contended checkpoints still being written concurrently after several attempts, left for
 *     the next pass
 * @param lastExecutionId the last execution finished; resume after it
 */
public record ReencryptSummary(String primaryKeyId, long executions, long checkpoints, long rewritten,
                               long current, long gone, long unreadable, long contended,
                               Optional<String> lastExecutionId) {

    /** Whether every checkpoint read is now under the primary key (or gone). */
    public boolean complete() {
        return unreadable == 0 && contended == 0;
    }
}
