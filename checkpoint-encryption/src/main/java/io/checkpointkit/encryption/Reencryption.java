package io.checkpointkit.encryption;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.UnreadableExecution;

import java.util.List;
import java.util.Optional;

/**
 * One {@code reencrypt} pass: walks the executions of the wrapped store by keyset pages, reads
 * each execution's checkpoints in batches (oldest first, after the last id read), and rewrites
 * every state not under the target key with a compare-and-set save at the version it read.
 *
 * <p>Why compare-and-set at the read version: the SPI has no "rewrite in place", but
 * {@code save} with version {@code n} writes only while {@code n} is stored, so a write that came
 * between the read and the rewrite wins (the rewrite gets a conflict, reads again, and usually
 * finds the state under the target key already). A checkpoint deleted meanwhile gives a conflict
 * and then an empty read: it is gone. The one case this cannot see is an id deleted and saved
 * again, in the same execution, at the same version (1), between the read and the rewrite: the
 * rewrite then stores the older state. Stores hand out UUIDv7 ids by default, which are not
 * reused; callers who reuse ids should not run the pass while they delete and re-create them.
 *
 * <p>Batches resume after the last id read; if that checkpoint was deleted meanwhile (a cursor
 * that is not in the execution selects nothing), the execution is read again from its start,
 * which costs reads but no rewrites (states already moved are current).
 */
final class Reencryption {

    private static final int PAGE_OF_EXECUTIONS = 100;
    private static final int ATTEMPTS = 5;
    private static final int RESTARTS = 3;

    private final EncryptingCheckpointStore encrypting;
    private final CheckpointStore raw;
    private final EncryptionKey target;
    private final int batchSize;
    private final ReencryptListener listener;

    private long executions;
    private long checkpoints;
    private long rewritten;
    private long current;
    private long gone;
    private long unreadable;
    private long contended;
    private String lastExecutionId;

    Reencryption(EncryptingCheckpointStore encrypting, CheckpointStore raw, EncryptionKey target, int batchSize,
                 ReencryptListener listener) {
        this.encrypting = encrypting;
        this.raw = raw;
        this.target = target;
        this.batchSize = batchSize;
        this.listener = listener;
    }

    ReencryptSummary run(String afterExecutionId) {
        String after = afterExecutionId;
        while (true) {
            ExecutionPage page = raw.executions(after, PAGE_OF_EXECUTIONS);
            for (UnreadableExecution u : page.unreadable()) {
                unreadable++;
                listener.executionUnreadable(u);
            }
            for (ExecutionInfo info : page.items()) {
                reencryptExecution(info.executionId());
                executions++;
                lastExecutionId = info.executionId();
                listener.executionDone(info.executionId(), summary());
            }
            Optional<String> next = page.nextAfter();
            if (next.isEmpty()) {
                return summary();
            }
            after = next.get();
        }
    }

    private void reencryptExecution(String executionId) {
        String afterId = null;
        int restarts = 0;
        while (true) {
            CheckpointQuery.Builder query = CheckpointQuery.builder().limit(batchSize);
            if (afterId != null) {
                query.after(afterId);
            }
            List<Checkpoint> batch = raw.list(executionId, query.build());
            if (batch.isEmpty()) {
                if (afterId == null || raw.load(afterId).isPresent() || restarts++ == RESTARTS) {
                    return;
                }
                afterId = null; // the cursor was deleted: read the execution again from its start
                continue;
            }
            for (Checkpoint c : batch) {
                checkpoints++;
                reencryptCheckpoint(c);
            }
            afterId = batch.get(batch.size() - 1).id();
        }
    }

    private void reencryptCheckpoint(Checkpoint read) {
        Checkpoint stored = read;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] plain;
            try {
                if (StateCipher.keyIdOf(stored.id(), stored.state()).equals(target.id())) {
                    current++;
                    return;
                }
                plain = encrypting.decryptState(stored);
            } catch (CheckpointCorruptedException e) {
                unreadable++;
                listener.checkpointUnreadable(e);
                return;
            }
            try {
                raw.save(encrypting.encrypt(stored.toBuilder().state(plain).build(), target));
                rewritten++;
                return;
            } catch (CheckpointConflictException writtenMeanwhile) {
                Optional<Checkpoint> again = raw.load(stored.id());
                if (again.isEmpty()) {
                    gone++;
                    return;
                }
                stored = again.get();
            }
        }
        contended++;
    }

    private ReencryptSummary summary() {
        return new ReencryptSummary(target.id(), executions, checkpoints, rewritten, current, gone, unreadable,
                contended, Optional.ofNullable(lastExecutionId));
    }
}
