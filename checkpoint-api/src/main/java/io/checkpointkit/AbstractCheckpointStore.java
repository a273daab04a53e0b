package io.checkpointkit;

import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The base of every backend: it holds the rules of {@link CheckpointStore} that every store
 * keeps the same way, once, and leaves a backend only the storage steps.
 *
 * <p>Every public method is final and does, in this order:
 * <ol>
 *   <li>checks its arguments, before any I/O: {@link NullPointerException} for null (the message
 *       names the argument), {@link IllegalArgumentException} for an illegal id
 *       ({@link Ids#requireValid}), a negative {@code keepLatest} or an {@code executions} limit
 *       below 1 ({@link Arguments});
 *   <li>{@link #requireOpen()}: {@link IllegalStateException} once the store is closed;
 *   <li>the rules of the contract that need no storage: a query with limit 0 returns an empty
 *       list, and a query without bounds is a plain {@link #list(String)};
 *   <li>calls the storage step of the same name with a {@code do} prefix ({@link #doSave},
 *       {@link #doList(String, CheckpointQuery)}, …), which trusts its arguments.
 * </ol>
 * {@link #close()} is idempotent and thread-safe: {@link #doClose()} runs once, however many
 * threads close the store.
 *
 * <p>A backend implements the five operations ({@link #doSave}, {@link #doLoad},
 * {@link #doList(String)}, {@link #doDelete}, {@link #doClear}) and {@link #doClose}. The other
 * steps have correct defaults: {@link #doLatest} and {@link #doList(String, CheckpointQuery)}
 * list the whole execution, {@link #doTrim} lists then deletes one by one, and
 * {@link #doExecutions} and {@link #doClearIfIdleSince} throw
 * {@link UnsupportedOperationException}, as they cannot be derived. A backend overrides them to
 * do the work in storage. Every step may throw {@link CheckpointStoreUnavailableException} and
 * {@link CheckpointCorruptedException} as the contract says.
 *
 * <pre>{@code
 * public final class MyCheckpointStore extends AbstractCheckpointStore {
 *     @Override protected Checkpoint doSave(Checkpoint checkpoint) { ... }
 *     @Override protected Optional<Checkpoint> doLoad(String checkpointId) { ... }
 *     @Override protected List<Checkpoint> doList(String executionId) { ... }
 *     @Override protected boolean doDelete(String checkpointId) { ... }
 *     @Override protected int doClear(String executionId) { ... }
 *     @Override protected void doClose() { ... }
 * }
 * }</pre>
 *
 * <p>A backend's own public methods guard themselves with {@link #requireOpen()} too. The
 * {@code checkpoint-tck} module checks a subclass against the whole contract.
 */
public abstract class AbstractCheckpointStore implements CheckpointStore {

    private final AtomicBoolean closed = new AtomicBoolean();

    /** Creates an open store. */
    protected AbstractCheckpointStore() {
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final Checkpoint save(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint must not be null");
        requireOpen();
        return doSave(checkpoint);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final Optional<Checkpoint> load(String checkpointId) {
        Ids.requireValid(checkpointId, "checkpointId");
        requireOpen();
        return doLoad(checkpointId);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final List<Checkpoint> list(String executionId) {
        Ids.requireValid(executionId, "executionId");
        requireOpen();
        return doList(executionId);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final boolean delete(String checkpointId) {
        Ids.requireValid(checkpointId, "checkpointId");
        requireOpen();
        return doDelete(checkpointId);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final int clear(String executionId) {
        Ids.requireValid(executionId, "executionId");
        requireOpen();
        return doClear(executionId);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final Optional<Checkpoint> latest(String executionId) {
        Ids.requireValid(executionId, "executionId");
        requireOpen();
        return doLatest(executionId);
    }

    /**
     * {@inheritDoc} A query with limit 0 returns a new empty list and a query without bounds
     * ({@link CheckpointQuery#isAll()}) is {@link #list(String)}, neither reaching the storage
     * step {@link #doList(String, CheckpointQuery)}.
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final List<Checkpoint> list(String executionId, CheckpointQuery query) {
        Ids.requireValid(executionId, "executionId");
        Objects.requireNonNull(query, "query must not be null");
        requireOpen();
        if (StoreDefaults.selectsNothing(query)) {
            return new ArrayList<>();
        }
        return query.isAll() ? doList(executionId) : doList(executionId, query);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final int trim(String executionId, int keepLatest) {
        Ids.requireValid(executionId, "executionId");
        Arguments.requireNotNegative(keepLatest, "keepLatest");
        requireOpen();
        return doTrim(executionId, keepLatest);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final ExecutionPage executions(String afterExecutionId, int limit) {
        StoreDefaults.requireExecutionsArguments(afterExecutionId, limit);
        requireOpen();
        return doExecutions(afterExecutionId, limit);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final int clearIfIdleSince(String executionId, Instant cutoff) {
        Ids.requireValid(executionId, "executionId");
        Objects.requireNonNull(cutoff, "cutoff must not be null");
        requireOpen();
        return doClearIfIdleSince(executionId, cutoff);
    }

    /**
     * {@inheritDoc} What {@link #doCapabilities()} declares.
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public final Set<Capability> capabilities() {
        requireOpen();
        return doCapabilities();
    }

    /**
     * {@inheritDoc} The first call runs {@link #doClose()}; later and concurrent calls return
     * at once without running it again. The store counts as closed from the start of the first
     * call, also when {@code doClose} throws.
     */
    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            doClose();
        }
    }

    /**
     * The closed-store guard: every public method calls it after checking its arguments, and a
     * backend's own public methods call it too. A step that waits or retries may call it again
     * to stop once the store is closed meanwhile.
     *
     * @throws IllegalStateException "the store is closed: " followed by {@link #toString()},
     *     once {@link #close()} has been called; so a backend's {@code toString} names the store
     *     without a password and calls none of its guarded methods
     */
    protected final void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the store is closed: " + this);
        }
    }

    /**
     * True once {@link #close()} has been called (for {@code toString}, or a background task
     * that should stop); it stays true.
     *
     * @return whether the store is closed
     */
    protected final boolean isClosed() {
        return closed.get();
    }

    /**
     * Storage step of {@link #save}: writes the checkpoint as the contract of
     * {@link CheckpointStore#save} says (upsert, compare-and-set on a non-zero version, the id's
     * owning execution checked, atomically) and returns it with its new version.
     *
     * @param checkpoint not null; the store was open when the call came in
     * @return the stored checkpoint, carrying its new version
     * @throws CheckpointConflictException as {@link CheckpointStore#save} says
     */
    protected abstract Checkpoint doSave(Checkpoint checkpoint);

    /**
     * Storage step of {@link #load}: reads one checkpoint.
     *
     * @param checkpointId a legal id; the store was open when the call came in
     * @return the stored checkpoint, or empty when none has this id
     */
    protected abstract Optional<Checkpoint> doLoad(String checkpointId);

    /**
     * Storage step of {@link #list(String)}, and of {@link #list(String, CheckpointQuery)} for a
     * query without bounds: every checkpoint of exactly this execution (never a pattern or a
     * prefix of it), in {@link Checkpoint#ORDER}.
     *
     * @param executionId a legal id; the store was open when the call came in
     * @return a new list; empty when the execution has none
     */
    protected abstract List<Checkpoint> doList(String executionId);

    /**
     * Storage step of {@link #delete}: removes one checkpoint.
     *
     * @param checkpointId a legal id; the store was open when the call came in
     * @return true when a checkpoint was removed, false when none had this id
     */
    protected abstract boolean doDelete(String checkpointId);

    /**
     * Storage step of {@link #clear}: removes every checkpoint of exactly this execution.
     *
     * @param executionId a legal id; the store was open when the call came in
     * @return how many checkpoints were removed
     */
    protected abstract int doClear(String executionId);

    /**
     * Releases what the store holds (connections, threads, files), but not what the user handed
     * in. Runs once, on the first {@link #close()}; the store already counts as closed, so
     * {@link #requireOpen()} refuses new calls while it runs.
     */
    protected abstract void doClose();

    /**
     * Storage step of {@link #latest}: the last checkpoint of the execution in
     * {@link Checkpoint#ORDER}. The default takes the last of {@link #doList(String)}; a backend
     * reads only that one.
     *
     * @param executionId a legal id; the store was open when the call came in
     * @return the latest checkpoint, or empty when the execution has none
     */
    protected Optional<Checkpoint> doLatest(String executionId) {
        return StoreDefaults.latestOf(doList(executionId));
    }

    /**
     * Storage step of {@link #list(String, CheckpointQuery)}: the checkpoints the query selects,
     * in its order, cut to its limit, with the semantics of {@link CheckpointQuery#apply} (a
     * cursor that is not a checkpoint of the execution selects nothing: an empty list, not an
     * error). The default applies the query to {@link #doList(String)} in memory; a backend
     * pushes the range, the filter and the limit into storage.
     *
     * @param executionId a legal id; the store was open when the call came in
     * @param query not null, with a limit other than 0 and at least one bound (not
     *     {@link CheckpointQuery#isAll()})
     * @return a new list; empty when nothing is selected
     */
    protected List<Checkpoint> doList(String executionId, CheckpointQuery query) {
        return query.apply(doList(executionId));
    }

    /**
     * Storage step of {@link #trim}: deletes all but the newest {@code keepLatest} unpinned
     * checkpoints of the execution; pinned ones are kept and do not count. The default lists
     * with {@link #doList(String)}, then deletes one by one with {@link #doDelete}; the contract
     * asks a backend for one round trip (one statement, one script), which is also atomic
     * against concurrent saves.
     *
     * @param executionId a legal id; the store was open when the call came in
     * @param keepLatest 0 or more
     * @return how many checkpoints were removed
     */
    protected int doTrim(String executionId, int keepLatest) {
        return StoreDefaults.trimByDeleting(doList(executionId), keepLatest, this::doDelete);
    }

    /**
     * Storage step of {@link #executions}: a keyset page of executions ordered by id (code point
     * order, {@link Ids#compare}), strictly after {@code afterExecutionId}; build it with
     * {@link ExecutionPage#of}. It cannot be derived from the five operations, so the default
     * throws; sweeps need it.
     *
     * @param afterExecutionId a legal id, or null to start from the first execution
     * @param limit 1 or more
     * @return the page
     * @throws UnsupportedOperationException by default
     */
    protected ExecutionPage doExecutions(String afterExecutionId, int limit) {
        throw StoreDefaults.cannotListExecutions(this);
    }

    /**
     * Storage step of {@link #clearIfIdleSince}: clears the execution only if it was not written
     * at or after {@code cutoff}, the check and the removal one atomic step in storage (see
     * {@link CheckpointStore#clearIfIdleSince}). The default throws: reading, then clearing,
     * would lose a write that came between the two.
     *
     * @param executionId a legal id; the store was open when the call came in
     * @param cutoff not null
     * @return how many checkpoints were removed
     * @throws UnsupportedOperationException by default
     */
    protected int doClearIfIdleSince(String executionId, Instant cutoff) {
        throw StoreDefaults.cannotClearIfIdle(this);
    }

    /**
     * What {@link #capabilities()} returns while the store is open: the optional features of
     * this store, the same set on every call. The default has none.
     *
     * @return an unmodifiable set, never null
     */
    protected Set<Capability> doCapabilities() {
        return Set.of();
    }
}
