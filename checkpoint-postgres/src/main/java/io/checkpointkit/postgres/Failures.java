package io.checkpointkit.postgres;

import io.checkpointkit.CheckpointException;
import io.checkpointkit.CheckpointStoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns driver exceptions into the store's, and logs one warning when the database goes away
 * and one line when it is back, not one per failed call.
 */
final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCheckpointStore.class);

    private final String storeName;
    private final AtomicBoolean down = new AtomicBoolean();

    /** @param storeName how messages name the store; must not hold a password */
    Failures(String storeName) {
        this.storeName = storeName;
    }

    /** True for failures that a later attempt may not have: the connection, time, load. */
    static boolean isUnavailable(SQLException e) {
        if (e instanceof SQLTransientException || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        return state == null
                || state.startsWith("08")      // connection exception
                || state.startsWith("53")      // insufficient resources, too many connections
                || state.startsWith("57")      // operator intervention: canceled, shutdown, restart
                || state.startsWith("58")      // system error (I/O)
                || state.startsWith("40")      // serialization failure, deadlock: retryable
                || state.equals("55P03");      // lock not available
    }

    /** True when the connection itself is gone, so the other pooled ones probably are too. */
    static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLRecoverableException || e instanceof SQLNonTransientConnectionException
                || (state != null && (state.startsWith("08") || state.startsWith("57P")));
    }

    /** True for the failures PostgreSQL asks the client to retry: deadlock and serialization. */
    static boolean isRetryable(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    CheckpointException translate(String operation, SQLException e) {
        String what = operation + " on " + storeName + " failed: " + describe(e);
        if (isUnavailable(e)) {
            if (down.compareAndSet(false, true)) {
                LOG.warn("PostgreSQL became unavailable: {}", what);
            }
            return new CheckpointStoreUnavailableException("PostgreSQL is unavailable: " + what, e);
        }
        return new CheckpointException(what, e);
    }

    /** Called after every successful operation; cheap when nothing was wrong. */
    void succeeded() {
        if (down.get() && down.compareAndSet(true, false)) {
            LOG.info("PostgreSQL is available again for {}", storeName);
        }
    }

    // The pool's "request timed out" hides why: name the root cause (refused, auth, ...) too.
    private static String describe(SQLException e) {
        String state = e.getSQLState();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = (state == null ? "" : "[" + state + "] ") + e.getMessage();
        return root == e ? message : message + "; cause: " + root;
    }
}
