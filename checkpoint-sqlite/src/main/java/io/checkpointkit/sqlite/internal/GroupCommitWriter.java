package io.checkpointkit.sqlite.internal;

import io.checkpointkit.CheckpointStoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises all writes of a store through its writer connection(s) and commits concurrent
 * writes together (group commit).
 *
 * <p>Callers enqueue their operation. Whoever holds the writer lock is the writer: it drains
 * everything waiting (up to the batch bound) into one transaction, commits, and only then
 * completes each caller. A caller that finds the lock free becomes the writer itself (flat
 * combining), which saves the two thread hand-offs a dedicated writer thread would cost a lone
 * caller; under contention one caller commits for all the others. Before each batch that
 * follows one of several operations, the writer yields its core once, so that the callers it
 * has just completed can queue their next writes into that batch. Each operation runs under
 * its own savepoint, so a conflict in one does not fail the others; and when a batch spans
 * several files, a file that fails to commit fails only the operations that touched it.
 * {@link CombinableOp}s of one combiner at the start of a batch run together, without a
 * savepoint: when that fails, the transaction is rolled back and each of them runs alone
 * under its own savepoint.
 */
public final class GroupCommitWriter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** One write operation, run inside the batch's transaction. */
    @FunctionalInterface
    public interface WriteOp<T> {
        /** Does the work; throws to roll back only this operation. */
        T apply(WriteContext ctx) throws SQLException;
    }

    /**
     * A write operation that can also run together with others of its kind: operations of the
     * same {@link Combiner} (the same instance) that start a batch are given to it at once,
     * without a savepoint, instead of one by one under a savepoint each. Anywhere else in a
     * batch, or alone in it, it runs as an ordinary {@link WriteOp}.
     *
     * @param <T> the result
     * @param <I> what the combiner needs of the operation
     */
    public interface CombinableOp<T, I> extends WriteOp<T> {
        /** The combiner of the operations this one may run with. */
        Combiner<T, I> combiner();

        /** The operation's input, given to the combiner. */
        I input();
    }

    /** Runs several {@link CombinableOp}s together. */
    @FunctionalInterface
    public interface Combiner<T, I> {
        /**
         * Does the work of every input inside the batch's transaction.
         *
         * @return for each input, in order, its result, or null for an input that it wrote
         *     nothing for and that the writer is to run alone afterwards (a conflict, whose
         *     exception the operation run alone produces)
         * @throws SQLException or a RuntimeException to roll back everything it did; the writer
         *     then runs each operation alone, so one bad input fails only its own caller
         */
        List<T> applyAll(WriteContext ctx, List<I> inputs) throws SQLException;
    }

    /**
     * Called by the writer around each batch; runs under the writer lock. An exception from a
     * hook is logged and changes nothing for the callers: they are told what happened to their
     * operation (committed or not) and are completed.
     */
    public interface BatchHooks {
        /**
         * After the batch committed (at least one of its operations: see {@link WriteContext}),
         * and after the {@link WriteContext#onSuccess} actions of the committed operations.
         */
        default void afterCommit() {
        }

        /** After every batch, committed or not. */
        default void afterBatch() {
        }
    }

    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int CANCELLED = 2;
    // A waiting caller re-checks the lock at least this often, so progress never depends on
    // one wake-up that may be missed.
    private static final int EXTRA_BATCHES = 4;
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Queue<Request<?>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final int maxBatchSize;
    private final Duration timeout;
    private final Path location;
    private final BatchHooks hooks;
    private volatile boolean closed;
    // Size of the last batch; read and written under the lock only.
    private int lastBatchSize;

    /**
     * @param location the file or directory, named in error messages
     */
    public GroupCommitWriter(Path location, int maxBatchSize, Duration timeout, BatchHooks hooks) {
        this.location = location;
        this.maxBatchSize = maxBatchSize;
        this.timeout = timeout;
        this.hooks = hooks;
    }

    /**
     * Runs a write operation and returns once its transaction is committed.
     *
     * @throws IllegalStateException if the writer is closed
     * @throws CheckpointStoreUnavailableException if the operation did not start within the
     *     timeout (it is then not written), the thread was interrupted, or the commit failed
     */
    public <T> T submit(WriteOp<T> op) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        Request<T> request = new Request<>(op, Thread.currentThread());
        queue.add(request);
        long deadline = System.nanoTime() + timeout.toNanos();
        // The interrupt is taken off the thread while it waits (a pending interrupt makes
        // parkNanos return at once, which would spin while the request runs) and put back
        // before it returns or throws.
        boolean interrupted = false;
        try {
            while (!request.done) {
                if (lock.tryLock()) {
                    try {
                        writeUntilDone(request);
                    } finally {
                        lock.unlock();
                    }
                    wakeNextWriter();
                    continue;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 && request.state.compareAndSet(PENDING, CANCELLED)) {
                    throw new CheckpointStoreUnavailableException("a write to SQLite " + location
                            + " did not start within " + timeout + "; it was not written");
                }
                interrupted |= Thread.interrupted();
                if (interrupted && request.state.compareAndSet(PENDING, CANCELLED)) {
                    throw new CheckpointStoreUnavailableException("interrupted waiting to write to SQLite "
                            + location + "; it was not written");
                }
                // Still pending, or running already (it can no longer be cancelled): wait.
                LockSupport.parkNanos(this, remaining > 0 ? Math.min(remaining, MAX_PARK_NANOS) : MAX_PARK_NANOS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return request.outcome();
    }

    /** Fails every waiting operation with {@link IllegalStateException}; later submits fail too. */
    public void close() {
        closed = true;
        lock.lock();
        try {
            failWaiting();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} while holding the writer lock, so that no batch runs at the same time
     * (used to close the files the writer uses).
     */
    public void runExclusively(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    /** How many operations wait for the writer; for tests. */
    int waitingCount() {
        return queue.size();
    }

    private void writeUntilDone(Request<?> mine) {
        if (closed) {
            failWaiting();
            return;
        }
        List<Request<?>> batch = new ArrayList<>();
        int extraBatches = 0;
        // After its own write, the writer runs a few more batches if callers are waiting: they
        // are parked already, and handing the lock to one of them would cost a wake-up.
        while (!mine.done || (extraBatches++ < EXTRA_BATCHES && !queue.isEmpty())) {
            batch.clear();
            if (lastBatchSize > 1) {
                // The callers of the last batch were just woken and will most likely save
                // again; where they wait for this thread's core (fewer cores than callers),
                // draining at once would leave them out and commit a batch of one or two.
                // Giving up the core once lets them queue first: far cheaper than a commit.
                Thread.yield();
            }
            Request<?> r;
            while (batch.size() < maxBatchSize && (r = queue.poll()) != null) {
                if (r.state.compareAndSet(PENDING, RUNNING)) {
                    batch.add(r);
                }
            }
            if (batch.isEmpty()) {
                return; // the rest were cancelled by their callers
            }
            lastBatchSize = batch.size();
            runBatch(batch);
        }
    }

    private void wakeNextWriter() {
        Request<?> head = queue.peek();
        if (head != null) {
            LockSupport.unpark(head.owner);
        }
    }

    private void runBatch(List<Request<?>> batch) {
        WriteContext ctx = new WriteContext(batch.size() > 1);
        boolean committed = false;
        try {
            try {
                for (int i = 0; i < batch.size(); ) {
                    int end = ctx.nothingBegun() ? endOfCombinable(batch, i) : i + 1;
                    if (end - i > 1) {
                        runCombined(ctx, batch.subList(i, end));
                    } else {
                        runAlone(ctx, batch.get(i));
                    }
                    i = end;
                }
                ctx.commit();
                committed = true;
            } catch (SQLException | RuntimeException | Error e) {
                // Error included: the callers must not be completed with a null result.
                ctx.rollbackAll();
                CheckpointStoreUnavailableException failure = e instanceof SQLException
                        ? Errors.unavailable(fileOf(ctx), (SQLException) e)
                        : new CheckpointStoreUnavailableException("a write to SQLite " + location
                                + " failed and was rolled back: " + e, e);
                for (Request<?> r : batch) {
                    r.failure = failure;
                }
            }
            if (committed) {
                // Only the operations of a file that failed to commit fail; the others are
                // committed and are reported so, whatever the hooks do next.
                for (Request<?> r : batch) {
                    if (r.failure == null && !r.operation.committed()) {
                        r.failure = r.operation.failure();
                    }
                }
                if (ctx.anyCommitted()) {
                    runHook("afterCommit", () -> {
                        ctx.runSuccessActions();
                        hooks.afterCommit();
                    });
                }
            }
        } finally {
            try {
                runHook("afterBatch", hooks::afterBatch);
            } finally {
                for (Request<?> r : batch) {
                    r.complete();
                }
            }
        }
    }

    /** The end (exclusive) of the run of operations of one combiner that starts at {@code start}. */
    private static int endOfCombinable(List<Request<?>> batch, int start) {
        if (!(batch.get(start).op instanceof CombinableOp)) {
            return start + 1;
        }
        Combiner<?, ?> combiner = ((CombinableOp<?, ?>) batch.get(start).op).combiner();
        int end = start + 1;
        while (end < batch.size() && batch.get(end).op instanceof CombinableOp
                && ((CombinableOp<?, ?>) batch.get(end).op).combiner() == combiner) {
            end++;
        }
        return end;
    }

    /** Runs one operation under its own savepoint (in a batch of several). */
    private void runAlone(WriteContext ctx, Request<?> r) throws SQLException {
        try {
            r.run(ctx);
            r.operation = ctx.operationSucceeded();
        } catch (SQLException e) {
            r.failure = Errors.unavailable(fileOf(ctx), e);
            ctx.operationFailed();
        } catch (RuntimeException e) {
            r.failure = e;
            ctx.operationFailed();
        }
    }

    /**
     * Runs operations of one combiner together. Only the first operations of a batch are
     * combined, and without a savepoint: when the combiner fails, the batch's transaction (theirs
     * alone) is rolled back and each runs alone under its own savepoint, so one bad operation
     * fails only its own caller. (One savepoint around them all would cost more than a savepoint
     * each: SQLite keeps a savepoint's statement journal in memory only up to 64 KiB and then
     * spills it to a temporary file, and eight 1 KiB saves into eight executions touch more
     * pages than that; measured, it doubled the bytes written per save. So operations after
     * others of the batch run one by one.) Those the combiner leaves, a conflict say, then run
     * alone too.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runCombined(WriteContext ctx, List<Request<?>> requests) throws SQLException {
        Combiner combiner = ((CombinableOp<?, ?>) requests.get(0).op).combiner();
        List<Object> inputs = new ArrayList<>(requests.size());
        for (Request<?> r : requests) {
            inputs.add(((CombinableOp<?, ?>) r.op).input());
        }
        ctx.withoutSavepoint();
        List<?> results;
        try {
            results = combiner.applyAll(ctx, inputs);
        } catch (SQLException | RuntimeException e) {
            ctx.operationFailed();
            for (Request<?> r : requests) {
                runAlone(ctx, r);
            }
            return;
        }
        WriteContext.Operation operation = ctx.operationSucceeded();
        List<Request<?>> left = null;
        for (int k = 0; k < requests.size(); k++) {
            Request r = requests.get(k);
            Object result = results.get(k);
            if (result == null) {
                if (left == null) {
                    left = new ArrayList<>();
                }
                left.add(r);
            } else {
                r.result = result;
                r.operation = operation;
            }
        }
        if (left != null) {
            for (Request<?> r : left) {
                runAlone(ctx, r);
            }
        }
    }

    /**
     * Runs a hook after the batch's outcome is decided: a failure is logged, not thrown, so it
     * neither changes what the callers are told nor keeps them from being completed.
     */
    private void runHook(String name, Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.warn("the {} hook of the SQLite writer of {} failed; the batch's outcome stands", name, location, e);
        }
    }

    private Path fileOf(WriteContext ctx) {
        Database db = ctx.lastTouched();
        return db == null ? location : db.file();
    }

    private void failWaiting() {
        Request<?> r;
        while ((r = queue.poll()) != null) {
            if (r.state.compareAndSet(PENDING, RUNNING)) {
                r.failure = new IllegalStateException("the store is closed");
                r.complete();
            }
        }
    }

    private static final class Request<T> {
        final WriteOp<T> op;
        final Thread owner;
        final AtomicInteger state = new AtomicInteger(PENDING);
        volatile boolean done;
        T result;
        RuntimeException failure;
        WriteContext.Operation operation;

        Request(WriteOp<T> op, Thread owner) {
            this.op = op;
            this.owner = owner;
        }

        void run(WriteContext ctx) throws SQLException {
            result = op.apply(ctx);
        }

        void complete() {
            done = true;
            LockSupport.unpark(owner);
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
