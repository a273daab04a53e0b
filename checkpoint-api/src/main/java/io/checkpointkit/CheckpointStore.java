package io.checkpointkit;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Stores the checkpoints of executions: the SPI every backend implements and every decorator
 * wraps.
 *
 * <p>A backend implements five operations ({@link #save}, {@link #load}, {@link #list(String)},
 * {@link #delete}, {@link #clear}) and {@link #close}. The fast paths ({@link #latest},
 * {@link #list(String, CheckpointQuery)}, {@link #trim}, {@link #executions},
 * {@link #capabilities}) have correct defaults built on the five (except {@code executions}
 * and {@link #clearIfIdleSince}, which cannot be derived and throw
 * {@link UnsupportedOperationException}); backends override them to do the work in storage.
 *
 * <p>A backend extends {@link AbstractCheckpointStore}, which keeps the rules every store shares
 * (arguments checked before any I/O, the closed-store guard, idempotent close, a limit of 0) and
 * leaves it only the storage steps. A decorator extends
 * {@link io.checkpointkit.decorators.ForwardingCheckpointStore}.
 *
 * <p>Contract of every method:
 * <ul>
 *   <li>Thread-safe. Concurrent saves of distinct ids all persist; of one id with the same
 *       expected version, exactly one wins.
 *   <li>Bad arguments fail before any I/O: {@link NullPointerException} for null,
 *       {@link IllegalArgumentException} for an illegal id ({@link Ids}) or a negative count.
 *   <li>The checkpoints of an execution are ordered by {@link Checkpoint#ORDER} (timestamp,
 *       then id by code point); "latest" is the last.
 *   <li>After {@link #close()}, every method but {@code close} throws
 *       {@link IllegalStateException}.
 *   <li>{@link CheckpointStoreUnavailableException} when the backend cannot be reached or times
 *       out; {@link CheckpointCorruptedException} when stored bytes cannot be decoded.
 * </ul>
 */
public interface CheckpointStore extends AutoCloseable {

    /**
     * Writes a checkpoint (upsert) and returns what is now stored, carrying the new version.
     *
     * <p>With {@code version == 0} it writes unconditionally (the stored version becomes 1 for a
     * new id, or the old version plus 1). With {@code version == n > 0} it writes only when the
     * stored version is {@code n}, and the stored version becomes {@code n + 1}.
     *
     * @param checkpoint the checkpoint to write
     * @return the stored checkpoint, equal to the argument but for its version
     * @throws NullPointerException if {@code checkpoint} is null
     * @throws CheckpointConflictException if the expected version is not the stored one, if
     *     nothing is stored under a non-zero expected version, or if the id is stored under
     *     another execution
     */
    Checkpoint save(Checkpoint checkpoint);

    /**
     * Reads one checkpoint by id.
     *
     * @param checkpointId the id
     * @return the stored checkpoint, or empty when none has this id
     * @throws NullPointerException if {@code checkpointId} is null
     * @throws IllegalArgumentException if it is not a legal id
     */
    Optional<Checkpoint> load(String checkpointId);

    /**
     * Lists every checkpoint of an execution, oldest first in {@link Checkpoint#ORDER}.
     *
     * @param executionId the execution
     * @return the checkpoints; empty when the execution has none
     * @throws NullPointerException if {@code executionId} is null
     * @throws IllegalArgumentException if it is not a legal id
     */
    List<Checkpoint> list(String executionId);

    /**
     * Deletes one checkpoint by id.
     *
     * @param checkpointId the id
     * @return true when a checkpoint was removed, false when none had this id
     * @throws NullPointerException if {@code checkpointId} is null
     * @throws IllegalArgumentException if it is not a legal id
     */
    boolean delete(String checkpointId);

    /**
     * Deletes every checkpoint of an execution; other executions are untouched.
     *
     * @param executionId the execution
     * @return how many checkpoints were removed
     * @throws NullPointerException if {@code executionId} is null
     * @throws IllegalArgumentException if it is not a legal id
     */
    int clear(String executionId);

    /**
     * Returns the latest checkpoint of an execution: the last in {@link Checkpoint#ORDER}.
     * The default lists the whole execution; backends override it.
     *
     * @param executionId the execution
     * @return the latest checkpoint, or empty when the execution has none
     * @throws NullPointerException if {@code executionId} is null
     * @throws IllegalArgumentException if it is not a legal id
     */
    default Optional<Checkpoint> latest(String executionId) {
        return StoreDefaults.latestOf(list(Ids.requireValid(executionId, "executionId")));
    }

    /**
     * Lists the checkpoints of an execution that a query selects, in the query's order, cut to
     * its limit (see {@link CheckpointQuery}). The default filters {@link #list(String)} in
     * memory with {@link CheckpointQuery#apply}; backends override it.
     *
     * @param executionId the execution
     * @param query what to select
     * @return the selected checkpoints; empty when none, or when a cursor is not in the execution
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code executionId} is not a legal id
     */
    default List<Checkpoint> list(String executionId, CheckpointQuery query) {
        Ids.requireValid(executionId, "executionId");
        Objects.requireNonNull(query, "query must not be null");
        if (StoreDefaults.selectsNothing(query)) {
            return new ArrayList<>();
        }
        return query.isAll() ? list(executionId) : query.apply(list(executionId));
    }

    /**
     * Deletes all but the newest {@code keepLatest} checkpoints of an execution that are not
     * {@link Checkpoint#pinned() pinned}; pinned ones are kept and do not count. The default
     * lists, then deletes one by one; a backend does it in one round trip.
     *
     * @param executionId the execution
     * @param keepLatest how many unpinned checkpoints to keep, 0 or more
     * @return how many checkpoints were removed
     * @throws NullPointerException if {@code executionId} is null
     * @throws IllegalArgumentException if it is not a legal id or {@code keepLatest} is negative
     */
    default int trim(String executionId, int keepLatest) {
        Ids.requireValid(executionId, "executionId");
        Arguments.requireNotNegative(keepLatest, "keepLatest");
        return StoreDefaults.trimByDeleting(list(executionId), keepLatest, this::delete);
    }

    /**
     * Lists executions by keyset pages, ordered by execution id (code point order), strictly
     * after {@code afterExecutionId}, each with its count, last timestamp and
     * {@linkplain ExecutionInfo#lastWriteTime() last write time}. The basis of sweeps across all
     * executions. An execution the store finds but cannot read (for example a damaged file of
     * its own) does not fail the page: it is listed in {@link ExecutionPage#unreadable()} with
     * the reason, counts toward the limit, and the cursor moves past it. It cannot be derived
     * from the five operations, so the default throws; every shipped backend overrides it.
     *
     * @param afterExecutionId start after this execution id; null starts from the first
     * @param limit the most executions to return, 1 or more
     * @return the page
     * @throws IllegalArgumentException if {@code afterExecutionId} is not a legal id or
     *     {@code limit} is less than 1
     * @throws UnsupportedOperationException if the backend cannot list executions
     */
    default ExecutionPage executions(String afterExecutionId, int limit) {
        StoreDefaults.requireExecutionsArguments(afterExecutionId, limit);
        throw StoreDefaults.cannotListExecutions(this);
    }

    /**
     * Deletes every checkpoint of an execution, pinned ones included, only if the execution has
     * been idle since {@code cutoff}: no write to it (a save, an update, a delete of one of its
     * checkpoints) at or after that instant. The check and the removal are one atomic step in
     * the backend (one statement, one transaction or one script), so a write that lands after a
     * caller decided to clear is never deleted: either the clear comes first and the write
     * finds an empty execution, or the write comes first and nothing is cleared. This is what
     * {@link io.checkpointkit.retention.RetentionSweeper} clears idle executions with.
     *
     * <p>Idle is about writes, not about {@link Checkpoint#timestamp()}: a resumed run that
     * updates an old checkpoint in place (its timestamp unchanged) has just written. The time of
     * a write is taken by the store that made it, from its clock (the store builder's clock
     * where it has one, otherwise the system UTC clock) at the store's resolution (at least
     * milliseconds), and reported as {@link ExecutionInfo#lastWriteTime()}; so the cutoff must
     * come from a clock in step with the writers' (the sweeper's default, the system UTC clock,
     * is). Whether a {@link #trim} counts as a write is the backend's choice (one built on
     * {@link #delete} does; the shipped backends do not: it is maintenance). A write time a
     * store cannot resolve exactly counts as the later bound: an execution is cleared only when
     * its last write was surely before {@code cutoff}.
     *
     * <p>The default throws: it could only read, then clear, and a write between the two would
     * be lost, which is the very thing this method is for. Every shipped backend overrides it.
     *
     * @param executionId the execution
     * @param cutoff clear only if the execution has not been written at or after this instant
     * @return how many checkpoints were removed: 0 when the execution was written at or after
     *     {@code cutoff}, or holds nothing
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code executionId} is not a legal id
     * @throws UnsupportedOperationException if the backend cannot clear conditionally
     */
    default int clearIfIdleSince(String executionId, Instant cutoff) {
        Ids.requireValid(executionId, "executionId");
        Objects.requireNonNull(cutoff, "cutoff must not be null");
        throw StoreDefaults.cannotClearIfIdle(this);
    }

    /**
     * The optional features this store has. The default has none.
     *
     * @return the capabilities, never null
     */
    default Set<Capability> capabilities() {
        return Set.of();
    }

    /**
     * Releases what the store holds (connections, threads, files). Idempotent; afterwards every
     * other method throws {@link IllegalStateException}. Resources the user handed in (their
     * own {@code DataSource} or client) are not closed.
     */
    @Override
    void close();
}
