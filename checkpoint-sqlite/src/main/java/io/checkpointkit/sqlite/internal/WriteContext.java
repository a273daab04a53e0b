package io.checkpointkit.sqlite.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transaction of one group-commit batch, possibly spanning several database files. A write
 * operation calls {@link #begin(Database)} for each file it touches; the first touch of a file
 * begins its transaction, and in a batch of several operations each operation also gets a
 * savepoint per file, so that a failing operation is rolled back alone. Files are committed in
 * the order they were first touched.
 */
public final class WriteContext {

    private static final String SAVEPOINT = "SAVEPOINT op";
    private static final String RELEASE = "RELEASE op";
    private static final String ROLLBACK_TO = "ROLLBACK TO op";

    private final boolean savepoints;
    private final List<Database> begun = new ArrayList<>(2);
    private final List<Database> touchedByOperation = new ArrayList<>(2);
    private final List<Runnable> onOperationSuccess = new ArrayList<>();
    private Database last;

    WriteContext(boolean savepoints) {
        this.savepoints = savepoints;
    }

    /**
     * Returns the writer connection of {@code db} inside this batch's transaction, beginning it
     * (and the current operation's savepoint) on first use.
     */
    public PooledConnection begin(Database db) throws SQLException {
        last = db;
        PooledConnection c = db.writer();
        if (!begun.contains(db)) {
            c.control("BEGIN IMMEDIATE");
            begun.add(db);
        }
        if (savepoints && !touchedByOperation.contains(db)) {
            c.control(SAVEPOINT);
            touchedByOperation.add(db);
        }
        return c;
    }

    /** Runs {@code action} if and when the current operation succeeds (is not rolled back). */
    public void onSuccess(Runnable action) {
        onOperationSuccess.add(action);
    }

    /** The file touched last, to name in error messages. */
    Database lastTouched() {
        return last;
    }

    void operationSucceeded() throws SQLException {
        if (savepoints) {
            for (Database db : touchedByOperation) {
                db.writer().control(RELEASE);
            }
            touchedByOperation.clear();
        }
        for (Runnable r : onOperationSuccess) {
            r.run();
        }
        onOperationSuccess.clear();
    }

    void operationFailed() throws SQLException {
        onOperationSuccess.clear();
        if (!savepoints) {
            rollbackAll();
            return;
        }
        try {
            for (Database db : touchedByOperation) {
                db.writer().control(ROLLBACK_TO);
                db.writer().control(RELEASE);
            }
        } finally {
            touchedByOperation.clear();
        }
    }

    void commit() throws SQLException {
        while (!begun.isEmpty()) {
            Database db = begun.get(0);
            last = db;
            db.writer().control("COMMIT");
            begun.remove(0);
        }
    }

    void rollbackAll() {
        for (Database db : begun) {
            try {
                db.writer().control("ROLLBACK");
            } catch (SQLException ignored) {
                // Already rolled back by SQLite (for example after an I/O error).
            }
        }
        begun.clear();
        touchedByOperation.clear();
    }
}
