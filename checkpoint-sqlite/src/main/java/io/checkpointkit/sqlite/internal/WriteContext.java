package io.checkpointkit.sqlite.internal;

import io.checkpointkit.CheckpointStoreUnavailableException;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transaction of one group-commit batch, possibly spanning several database files. A write
 * operation calls {@link #begin(Database)} for each file it touches; the first touch of a file
 * begins its transaction, and in a batch of several operations each operation also gets a
 * savepoint per file, so that a failing operation is rolled back alone.
 *
 * <p>Files are committed one by one, in the order they were first touched, and a file that
 * fails to commit fails only the operations that touched it. The same holds for a file whose
 * transaction is lost during the batch (SQLite rolls back the whole transaction on some errors,
 * so an operation's savepoint cannot be rolled back to): every operation that touched it fails,
 * and later operations that touch it fail at once. A file is not committed when an operation
 * in it also touched a file first touched earlier that failed: its transaction is rolled back
 * and its operations fail too. So an operation is reported committed only if every file it
 * touched committed, and no file commits the work of an operation whose earlier file failed
 * (the per-execution layout relies on that: its index commits before the execution files).
 */
public final class WriteContext {

    private static final String SAVEPOINT = "SAVEPOINT op";
    private static final String RELEASE = "RELEASE op";
    private static final String ROLLBACK_TO = "ROLLBACK TO op";

    /** One operation that ran without error; whether it committed is known after {@link #commit()}. */
    static final class Operation {
        private final List<Database> files;
        private final List<Runnable> onSuccess;
        private RuntimeException failure;
        private boolean committed;

        private Operation(List<Database> files, List<Runnable> onSuccess) {
            this.files = files;
            this.onSuccess = onSuccess;
        }

        /** True once every file the operation touched committed. */
        boolean committed() {
            return committed;
        }

        /** Why the operation did not commit (naming the file), or null when it committed. */
        RuntimeException failure() {
            return failure;
        }
    }

    private final boolean batchSavepoints;
    // False for an operation run without a savepoint of its own: one alone in its batch, or
    // the first of a batch (see withoutSavepoint).
    private boolean savepoints;
    private final List<Database> begun = new ArrayList<>(2);
    // Every file a BEGIN was tried on, begun or not: all of them are rolled back on a failure.
    private final Set<Database> touched = new LinkedHashSet<>(2);
    // The files of the current operation (with a savepoint on each when savepoints are on).
    private final List<Database> touchedByOperation = new ArrayList<>(2);
    private final List<Runnable> onOperationSuccess = new ArrayList<>();
    private final List<Operation> succeeded = new ArrayList<>();
    // The files whose transaction failed in this batch, with the failure their operations get.
    private final Map<Database, RuntimeException> failed = new HashMap<>();
    private Database last;

    WriteContext(boolean savepoints) {
        this.batchSavepoints = savepoints;
        this.savepoints = savepoints;
    }

    /** True while no file has been begun in this batch: the next operation is the first of its transactions. */
    boolean nothingBegun() {
        return touched.isEmpty();
    }

    /**
     * Runs the next operation (until {@link #operationSucceeded} or {@link #operationFailed})
     * without a savepoint of its own: when it fails, the whole batch is rolled back, which is
     * then the operation alone. Only while {@link #nothingBegun()}.
     *
     * @throws IllegalStateException if a file has been begun in this batch
     */
    void withoutSavepoint() {
        if (!nothingBegun()) {
            throw new IllegalStateException("an operation after others needs its savepoint");
        }
        savepoints = false;
    }

    /**
     * Returns the writer connection of {@code db} inside this batch's transaction, beginning it
     * (and the current operation's savepoint) on first use.
     */
    public PooledConnection begin(Database db) throws SQLException {
        last = db;
        if (failed.containsKey(db)) {
            throw failed.get(db);
        }
        PooledConnection c = db.writer();
        if (!begun.contains(db)) {
            touched.add(db);
            c.control("BEGIN IMMEDIATE");
            begun.add(db);
        }
        if (!touchedByOperation.contains(db)) {
            if (savepoints) {
                c.control(SAVEPOINT);
            }
            touchedByOperation.add(db);
        }
        return c;
    }

    /**
     * Runs {@code action} if and when the current operation is committed: after the batch's
     * commit, in the order of the operations, and not at all when a file the operation touched
     * failed to commit.
     */
    public void onSuccess(Runnable action) {
        onOperationSuccess.add(action);
    }

    /** The file touched last, to name in error messages. */
    Database lastTouched() {
        return last;
    }

    /** Ends the current operation, which ran without error; it commits with the batch. */
    Operation operationSucceeded() throws SQLException {
        if (savepoints) {
            for (Database db : touchedByOperation) {
                db.writer().control(RELEASE);
            }
        }
        Operation op = new Operation(List.copyOf(touchedByOperation), List.copyOf(onOperationSuccess));
        savepoints = batchSavepoints;
        touchedByOperation.clear();
        onOperationSuccess.clear();
        succeeded.add(op);
        return op;
    }

    /** Rolls back the current operation alone (the whole batch when it has no savepoints). */
    void operationFailed() throws SQLException {
        onOperationSuccess.clear();
        if (!savepoints) {
            rollbackAll();
            savepoints = batchSavepoints;
            return;
        }
        try {
            for (Database db : touchedByOperation) {
                try {
                    db.writer().control(ROLLBACK_TO);
                    db.writer().control(RELEASE);
                } catch (SQLException | RuntimeException e) {
                    // SQLite ended the file's transaction on the error (a full disk, an I/O
                    // error), or the rollback itself failed: what this batch did in the file is
                    // gone or unknown, so every operation that touched the file fails, and only
                    // those.
                    db.abandonTransaction();
                    begun.remove(db);
                    failed.put(db, e instanceof SQLException ? Errors.unavailable(db.file(), (SQLException) e)
                            : (RuntimeException) e);
                }
            }
        } finally {
            touchedByOperation.clear();
        }
    }

    /**
     * Commits file by file (see the class comment); afterwards each {@link Operation} knows
     * whether it committed. A file that failed is rolled back, and its writer connection left
     * usable.
     */
    void commit() {
        for (Database db : begun) {
            last = db;
            Database cause = failedFileOfAnOperationIn(db, failed);
            if (cause != null) {
                db.abandonTransaction();
                failed.put(db, new CheckpointStoreUnavailableException("a write to SQLite database " + db.file()
                        + " was rolled back because the same operation's write to " + cause.file()
                        + " failed: " + failed.get(cause).getMessage(), failed.get(cause)));
                continue;
            }
            try {
                db.writer().control("COMMIT");
            } catch (SQLException e) {
                db.abandonTransaction();
                failed.put(db, Errors.unavailable(db.file(), e));
            } catch (RuntimeException e) {
                db.abandonTransaction();
                failed.put(db, e);
            }
        }
        begun.clear();
        touched.clear();
        for (Operation op : succeeded) {
            op.committed = true;
            for (Database db : op.files) {
                if (failed.containsKey(db)) {
                    op.committed = false;
                    op.failure = failed.get(db);
                    break;
                }
            }
        }
    }

    /** Runs the success actions of the committed operations, in order; after {@link #commit()}. */
    void runSuccessActions() {
        for (Operation op : succeeded) {
            if (op.committed) {
                op.onSuccess.forEach(Runnable::run);
            }
        }
    }

    /** True if any operation committed; after {@link #commit()}. */
    boolean anyCommitted() {
        return succeeded.stream().anyMatch(Operation::committed);
    }

    /**
     * A file first touched before {@code db} that failed, and that an operation touching
     * {@code db} touched too; or null.
     */
    private Database failedFileOfAnOperationIn(Database db, Map<Database, RuntimeException> failed) {
        if (failed.isEmpty()) {
            return null;
        }
        List<Database> order = new ArrayList<>(touched);
        int position = order.indexOf(db);
        for (Operation op : succeeded) {
            if (op.files.contains(db)) {
                for (Database other : op.files) {
                    if (failed.containsKey(other) && order.indexOf(other) < position) {
                        return other;
                    }
                }
            }
        }
        return null;
    }

    /** Rolls back every file of the batch and leaves each writer connection usable. */
    void rollbackAll() {
        for (Database db : touched) {
            db.abandonTransaction();
        }
        begun.clear();
        touched.clear();
        touchedByOperation.clear();
        succeeded.clear();
        failed.clear();
    }
}
