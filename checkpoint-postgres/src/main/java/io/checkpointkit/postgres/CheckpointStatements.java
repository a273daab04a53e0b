package io.checkpointkit.postgres;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.MetadataJson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs each operation of the store as its one statement of {@link CheckpointSql} on a given
 * connection: binds the parameters, reads the result. Arguments are already validated.
 */
final class CheckpointStatements {

    private final CheckpointSql sql;
    private final Clock clock;

    /** @param clock the clock of write times, read on every write */
    CheckpointStatements(CheckpointSql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    private OffsetDateTime now() {
        return Rows.timestamp(clock.instant());
    }

    /** Upserts (version 0) or compares-and-sets; returns the new stored version. */
    long save(Connection c, Checkpoint cp) throws SQLException {
        String metadata = MetadataJson.write(cp.metadata());
        return cp.version() == 0 ? upsert(c, cp, metadata) : compareAndSet(c, cp, metadata);
    }

    private long upsert(Connection c, Checkpoint cp, String metadata) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.upsert)) {
            s.setString(1, cp.executionId());
            s.setObject(2, now());
            s.setString(3, cp.id());
            s.setString(4, cp.executionId());
            bindContent(s, 5, cp, metadata);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        throw CheckpointConflictException.ownedByAnotherExecution(cp.id(), cp.executionId());
    }

    /** Binds the five content columns, parent id to timestamp, from parameter {@code first} on. */
    private static void bindContent(PreparedStatement s, int first, Checkpoint cp, String metadata)
            throws SQLException {
        s.setString(first, cp.parentId());
        s.setString(first + 1, cp.nodeName());
        s.setBytes(first + 2, cp.state());
        s.setString(first + 3, metadata);
        s.setObject(first + 4, Rows.timestamp(cp.timestamp()));
    }

    private long compareAndSet(Connection c, Checkpoint cp, String metadata) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.compareAndSet)) {
            s.setString(1, cp.executionId());
            s.setObject(2, now());
            bindContent(s, 3, cp, metadata);
            s.setString(8, cp.id());
            s.setString(9, cp.executionId());
            s.setLong(10, cp.version());
            s.setString(11, cp.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long updated = rs.getLong(1);
                if (!rs.wasNull()) {
                    return updated;
                }
                throw conflict(cp, rs.getLong(2), rs.getString(3));
            }
        }
    }

    /**
     * Why a compare-and-set changed nothing. A stored version equal to the expected one was read
     * before a concurrent writer moved it on; {@code versionMismatch} says so.
     */
    private static CheckpointConflictException conflict(Checkpoint cp, long storedVersion, String storedExecution) {
        if (storedExecution == null) {
            return CheckpointConflictException.notStored(cp.id(), cp.version());
        }
        if (!storedExecution.equals(cp.executionId())) {
            return CheckpointConflictException.ownedByAnotherExecution(cp.id(), cp.executionId(), storedExecution);
        }
        return CheckpointConflictException.versionMismatch(cp.id(), cp.version(), storedVersion);
    }

    Optional<Checkpoint> load(Connection c, String checkpointId) throws SQLException {
        return first(c, sql.load, checkpointId);
    }

    Optional<Checkpoint> latest(Connection c, String executionId) throws SQLException {
        return first(c, sql.latest, executionId);
    }

    List<Checkpoint> list(Connection c, String executionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.list)) {
            s.setString(1, executionId);
            return Rows.readAll(s);
        }
    }

    /** A query that is not {@link CheckpointQuery#isAll()} and whose limit is not 0. */
    List<Checkpoint> query(Connection c, String executionId, CheckpointQuery query) throws SQLException {
        int limit = query.limit().orElse(-1);
        int shape = (query.after().isPresent() ? CheckpointSql.QUERY_AFTER : 0)
                | (query.before().isPresent() ? CheckpointSql.QUERY_BEFORE : 0)
                | (query.metadata().isEmpty() ? 0 : CheckpointSql.QUERY_METADATA)
                | (query.newestFirst() ? CheckpointSql.QUERY_NEWEST_FIRST : 0)
                | (limit > 0 ? CheckpointSql.QUERY_LIMIT : 0);
        try (PreparedStatement s = c.prepareStatement(sql.query(shape))) {
            int i = 1;
            s.setString(i++, executionId);
            if (query.after().isPresent()) {
                s.setString(i++, query.after().get());
                s.setString(i++, executionId);
            }
            if (query.before().isPresent()) {
                s.setString(i++, query.before().get());
                s.setString(i++, executionId);
            }
            if (!query.metadata().isEmpty()) {
                s.setString(i++, MetadataJson.write(query.metadata()));
            }
            if (limit > 0) {
                s.setInt(i, limit);
            }
            return Rows.readAll(s);
        }
    }

    boolean delete(Connection c, String checkpointId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.delete)) {
            s.setObject(1, now());
            s.setString(2, checkpointId);
            s.setString(3, checkpointId);
            return s.executeUpdate() > 0;
        }
    }

    int clear(Connection c, String executionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.clear)) {
            s.setString(1, executionId);
            s.setString(2, executionId);
            return s.executeUpdate();
        }
    }

    int clearIfIdleSince(Connection c, String executionId, Instant cutoff) throws SQLException {
        // Beyond the range of a checkpoint timestamp nothing is written: clamp to its ends.
        Instant bounded = cutoff.isBefore(Checkpoint.MIN_TIMESTAMP) ? Checkpoint.MIN_TIMESTAMP
                : cutoff.isAfter(Checkpoint.MAX_TIMESTAMP) ? Checkpoint.MAX_TIMESTAMP : cutoff;
        try (PreparedStatement s = c.prepareStatement(sql.clearIfIdle)) {
            s.setString(1, executionId);
            s.setObject(2, Rows.timestamp(bounded));
            s.setString(3, executionId);
            return s.executeUpdate();
        }
    }

    int trim(Connection c, String executionId, int keepLatest) throws SQLException {
        if (keepLatest == 0) {
            return update(c, sql.trimAll, executionId);
        }
        try (PreparedStatement s = c.prepareStatement(sql.trim)) {
            s.setString(1, executionId);
            s.setString(2, executionId);
            s.setInt(3, keepLatest - 1);
            return s.executeUpdate();
        }
    }

    ExecutionPage executions(Connection c, String afterExecutionId, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(afterExecutionId == null ? sql.executions : sql.executionsAfter)) {
            int i = 1;
            if (afterExecutionId != null) {
                s.setString(i++, afterExecutionId);
            }
            s.setInt(i, limit);
            List<ExecutionInfo> items = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant lastTimestamp = rs.getObject(3, OffsetDateTime.class).toInstant();
                    OffsetDateTime lastWrite = rs.getObject(4, OffsetDateTime.class);
                    items.add(new ExecutionInfo(rs.getString(1), rs.getLong(2), lastTimestamp,
                            lastWrite == null ? lastTimestamp : lastWrite.toInstant()));
                }
            }
            return ExecutionPage.of(items, limit);
        }
    }

    private static Optional<Checkpoint> first(Connection c, String query, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(query)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Rows.read(rs)) : Optional.empty();
            }
        }
    }

    private static int update(Connection c, String statement, String parameter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(statement)) {
            s.setString(1, parameter);
            return s.executeUpdate();
        }
    }
}
