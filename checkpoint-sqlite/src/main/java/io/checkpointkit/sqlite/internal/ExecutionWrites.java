package io.checkpointkit.sqlite.internal;

import io.checkpointkit.ExecutionInfo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The time of the last write (save, update, delete) of each execution in a single-file store:
 * table {@code execution_writes}, epoch milliseconds by the store's clock. Every write of an
 * execution updates its row in the same transaction as the write, and
 * {@code clearIfIdleSince} reads it and clears in one transaction on the one writer connection,
 * so no write can come between the check and the clear. Trim does not count as a write.
 */
final class ExecutionWrites {

    /** Schema version 2 of a single-file store: the table, filled for the executions already there. */
    static final List<String> MIGRATION = List.of(
            "CREATE TABLE execution_writes (execution_id TEXT NOT NULL PRIMARY KEY,"
                    + " last_write INTEGER NOT NULL) WITHOUT ROWID",
            // Their real last write is unknown: count them as written at the migration, so that
            // no execution is cleared sooner than before (the system clock, in milliseconds).
            "INSERT INTO execution_writes (execution_id, last_write)"
                    + " SELECT execution_id, CAST(strftime('%s', 'now') AS INTEGER) * 1000"
                    + " FROM checkpoints GROUP BY execution_id");

    // max(): a writer whose clock lags never moves an execution's last write back.
    private static final String TOUCH = "INSERT INTO execution_writes (execution_id, last_write) VALUES (?, ?)"
            + " ON CONFLICT (execution_id) DO UPDATE SET last_write = max(last_write, excluded.last_write)";
    private static final String OWNER = "SELECT execution_id FROM checkpoints WHERE id = ?";
    private static final String LAST_WRITE = "SELECT last_write FROM execution_writes WHERE execution_id = ?";
    private static final String FORGET = "DELETE FROM execution_writes WHERE execution_id = ?";
    private static final String FORGET_IF_EMPTY = "DELETE FROM execution_writes WHERE execution_id = ?"
            + " AND NOT EXISTS (SELECT 1 FROM checkpoints WHERE execution_id = ?)";
    private static final KeysetQuery RANGE = new KeysetQuery(
            "SELECT execution_id, last_write FROM execution_writes WHERE execution_id <= ?",
            "SELECT execution_id, last_write FROM execution_writes WHERE execution_id > ? AND execution_id <= ?");

    private ExecutionWrites() {
    }

    /** Records a write of {@code executionId} at {@code millis}. */
    static void touch(PooledConnection c, String executionId, long millis) throws SQLException {
        PreparedStatement ps = c.prepare(TOUCH);
        ps.setString(1, executionId);
        ps.setLong(2, millis);
        ps.executeUpdate();
    }

    /** Records a write of each of {@code executionIds} (each once) at {@code millis}. */
    static void touchAll(PooledConnection c, Collection<String> executionIds, long millis) throws SQLException {
        for (String executionId : executionIds) {
            touch(c, executionId, millis);
        }
    }

    /** The execution that owns a stored checkpoint, or null. */
    static String owner(PooledConnection c, String checkpointId) throws SQLException {
        PreparedStatement ps = c.prepare(OWNER);
        ps.setString(1, checkpointId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Epoch milliseconds of the execution's last write, or null when none is recorded. */
    static Long lastWrite(PooledConnection c, String executionId) throws SQLException {
        PreparedStatement ps = c.prepare(LAST_WRITE);
        ps.setString(1, executionId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    /** Forgets the execution's last write (it was cleared). */
    static void forget(PooledConnection c, String executionId) throws SQLException {
        PreparedStatement ps = c.prepare(FORGET);
        ps.setString(1, executionId);
        ps.executeUpdate();
    }

    /** Forgets the execution's last write when it holds no checkpoint any more. */
    static void forgetIfEmpty(PooledConnection c, String executionId) throws SQLException {
        PreparedStatement ps = c.prepare(FORGET_IF_EMPTY);
        ps.setString(1, executionId);
        ps.setString(2, executionId);
        ps.executeUpdate();
    }

    /**
     * The page with each execution's last write time, read with one range query over the
     * page's ids. An execution without a recorded write keeps its last timestamp.
     */
    static List<ExecutionInfo> withLastWrites(PooledConnection c, String afterExecutionId, List<ExecutionInfo> page)
            throws SQLException {
        if (page.isEmpty()) {
            return page;
        }
        String last = page.get(page.size() - 1).executionId();
        Map<String, Long> writes = KeysetQuery.longsByExecution(RANGE.prepare(c, afterExecutionId, last));
        List<ExecutionInfo> result = new ArrayList<>(page.size());
        for (ExecutionInfo info : page) {
            Long millis = writes.get(info.executionId());
            result.add(new ExecutionInfo(info.executionId(), info.checkpointCount(), info.lastTimestamp(),
                    millis == null ? info.lastTimestamp() : Instant.ofEpochMilli(millis)));
        }
        return result;
    }

    /**
     * The cutoff in epoch milliseconds, rounded down: a write recorded at millisecond {@code m}
     * happened in {@code [m, m + 1)}, so it is surely before {@code cutoff} only when
     * {@code m < floor(cutoff)}. Instants beyond the range of a long clamp to its ends.
     */
    static long cutoffMillis(Instant cutoff) {
        try {
            return cutoff.toEpochMilli();
        } catch (ArithmeticException e) {
            return cutoff.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
