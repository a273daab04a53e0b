package io.checkpointkit.sqlite.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.MetadataJson;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of the {@code checkpoints} table and the mapping between its rows and
 * {@link Checkpoint}s. Every method takes the connection to run on; writes expect to run inside
 * the writer's transaction.
 */
public final class CheckpointRows {

    private static final String COLUMNS = "id, execution_id, parent_id, node_name, state, metadata, ts, version";
    private static final String SELECT_OWNER = "SELECT execution_id, version FROM checkpoints WHERE id = ?";
    // version 0: insert, or overwrite the row of the same execution; returns nothing when the id
    // belongs to another execution (the WHERE of DO UPDATE fails).
    private static final String UPSERT = "INSERT INTO checkpoints"
            + " (id, execution_id, parent_id, node_name, state, metadata, ts, version, pinned)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)"
            + " ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, node_name = excluded.node_name,"
            + " state = excluded.state, metadata = excluded.metadata, ts = excluded.ts,"
            + " version = checkpoints.version + 1, pinned = excluded.pinned"
            + " WHERE checkpoints.execution_id = excluded.execution_id"
            + " RETURNING version";
    // version n > 0: compare-and-set; returns nothing when the row is absent, of another
    // execution, or at another version.
    private static final String COMPARE_AND_SET = "UPDATE checkpoints SET parent_id = ?, node_name = ?, state = ?,"
            + " metadata = ?, ts = ?, version = version + 1, pinned = ?"
            + " WHERE id = ? AND execution_id = ? AND version = ? RETURNING version";
    private static final String LOAD = "SELECT " + COLUMNS + " FROM checkpoints WHERE id = ?";
    private static final String EXISTS = "SELECT 1 FROM checkpoints WHERE id = ?";
    private static final String LATEST = "SELECT " + COLUMNS + " FROM checkpoints WHERE execution_id = ?"
            + " ORDER BY ts DESC, id DESC LIMIT 1";
    private static final String DELETE = "DELETE FROM checkpoints WHERE id = ?";
    private static final String CLEAR = "DELETE FROM checkpoints WHERE execution_id = ?";
    // Keeps the newest keepLatest unpinned rows; the sub-select walks the index backwards.
    private static final String TRIM = "DELETE FROM checkpoints WHERE execution_id = ? AND pinned = 0"
            + " AND id NOT IN (SELECT id FROM checkpoints WHERE execution_id = ? AND pinned = 0"
            + " ORDER BY ts DESC, id DESC LIMIT ?)";
    private static final KeysetQuery EXECUTIONS = new KeysetQuery(
            "SELECT execution_id, count(*), max(ts) FROM checkpoints"
                    + " GROUP BY execution_id ORDER BY execution_id LIMIT ?",
            "SELECT execution_id, count(*), max(ts) FROM checkpoints"
                    + " WHERE execution_id > ? GROUP BY execution_id ORDER BY execution_id LIMIT ?");
    private static final String SUMMARY = "SELECT count(*), max(ts) FROM checkpoints";

    private CheckpointRows() {
    }

    /**
     * Upserts with compare-and-set and ownership check, inside the writer's transaction.
     *
     * @return the stored checkpoint, with its new version
     * @throws CheckpointConflictException on a version or ownership conflict
     */
    public static Checkpoint save(PooledConnection c, Checkpoint cp) throws SQLException {
        Checkpoint saved = cp.version() == 0 ? upsert(c, cp) : compareAndSet(c, cp);
        if (saved != null) {
            return saved;
        }
        throw conflict(c, cp);
    }

    /**
     * Upserts checkpoints of version 0 (unconditional saves) one after the other, inside the
     * writer's transaction, without explaining conflicts: what {@link #save} does for each when
     * no conflict arises.
     *
     * @return for each checkpoint, in order, the stored one with its new version; or null where
     *     nothing was written for it because its id is owned by another execution (save it alone
     *     to get the {@link CheckpointConflictException})
     * @throws IllegalArgumentException if a checkpoint has a version other than 0, before any is written
     */
    public static List<Checkpoint> saveAll(PooledConnection c, List<Checkpoint> checkpoints) throws SQLException {
        for (Checkpoint cp : checkpoints) {
            if (cp.version() != 0) {
                throw new IllegalArgumentException("saveAll takes unconditional saves (version 0): " + cp.id());
            }
        }
        List<Checkpoint> saved = new ArrayList<>(checkpoints.size());
        for (Checkpoint cp : checkpoints) {
            saved.add(upsert(c, cp));
        }
        return saved;
    }

    /** The unconditional upsert: the stored checkpoint, or null when another execution owns the id. */
    private static Checkpoint upsert(PooledConnection c, Checkpoint cp) throws SQLException {
        PreparedStatement ps = c.prepare(UPSERT);
        ps.setString(1, cp.id());
        ps.setString(2, cp.executionId());
        bindContent(ps, 3, cp, MetadataJson.write(cp.metadata()));
        return stored(ps, cp);
    }

    /** The compare-and-set update: the stored checkpoint, or null on a version or ownership conflict. */
    private static Checkpoint compareAndSet(PooledConnection c, Checkpoint cp) throws SQLException {
        PreparedStatement ps = c.prepare(COMPARE_AND_SET);
        bindContent(ps, 1, cp, MetadataJson.write(cp.metadata()));
        ps.setString(7, cp.id());
        ps.setString(8, cp.executionId());
        ps.setLong(9, cp.version());
        return stored(ps, cp);
    }

    /** Runs a statement returning the new version: {@code cp} with it, or null when no row was written. */
    private static Checkpoint stored(PreparedStatement ps, Checkpoint cp) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? cp.withVersion(rs.getLong(1)) : null;
        }
    }

    /** Binds the six content columns, parent id to pinned, from parameter {@code first} on. */
    private static void bindContent(PreparedStatement ps, int first, Checkpoint cp, String metadata)
            throws SQLException {
        ps.setString(first, cp.parentId());
        ps.setString(first + 1, cp.nodeName());
        ps.setBytes(first + 2, cp.state());
        ps.setString(first + 3, metadata);
        ps.setLong(first + 4, toMicros(cp.timestamp()));
        ps.setInt(first + 5, cp.pinned() ? 1 : 0);
    }

    /** Explains why a save changed nothing; only on the (rare) conflict path. */
    private static CheckpointConflictException conflict(PooledConnection c, Checkpoint cp) throws SQLException {
        PreparedStatement owner = c.prepare(SELECT_OWNER);
        owner.setString(1, cp.id());
        try (ResultSet rs = owner.executeQuery()) {
            if (!rs.next()) {
                return CheckpointConflictException.notStored(cp.id(), cp.version());
            }
            String storedExecution = rs.getString(1);
            if (!cp.executionId().equals(storedExecution)) {
                return CheckpointConflictException.ownedByAnotherExecution(cp.id(), cp.executionId(),
                        storedExecution);
            }
            return CheckpointConflictException.versionMismatch(cp.id(), cp.version(), rs.getLong(2));
        }
    }

    /** True when a row with this id exists. */
    public static boolean exists(PooledConnection c, String id) throws SQLException {
        PreparedStatement ps = c.prepare(EXISTS);
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Loads one checkpoint by id.
     *
     * @throws CheckpointCorruptedException naming the id when a page on its path is malformed:
     *     the rest of the file stays readable, so it is this checkpoint that is lost, not the store
     */
    public static Optional<Checkpoint> load(PooledConnection c, String id) throws SQLException {
        PreparedStatement ps = c.prepare(LOAD);
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(decode(rs)) : Optional.empty();
        } catch (SQLException e) {
            if (Errors.isCorruptPage(e)) {
                throw new CheckpointCorruptedException(id, "SQLite database " + c.file()
                        + " has a malformed page where this checkpoint is stored: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The last checkpoint of an execution in (ts, id) order. */
    public static Optional<Checkpoint> latest(PooledConnection c, String executionId) throws SQLException {
        PreparedStatement ps = c.prepare(LATEST);
        ps.setString(1, executionId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(decode(rs)) : Optional.empty();
        }
    }

    /** Runs a query in SQL (see {@link #listSql}). */
    public static List<Checkpoint> list(PooledConnection c, String executionId, CheckpointQuery query)
            throws SQLException {
        PreparedStatement ps = c.prepare(listSql(query));
        int i = 1;
        ps.setString(i++, executionId);
        if (query.after().isPresent()) {
            ps.setString(i++, executionId);
            ps.setString(i++, query.after().get());
        }
        if (query.before().isPresent()) {
            ps.setString(i++, executionId);
            ps.setString(i++, query.before().get());
        }
        for (Map.Entry<String, String> e : query.metadata().entrySet()) {
            ps.setString(i++, e.getKey());
            ps.setString(i++, e.getValue());
        }
        if (query.limit().isPresent()) {
            ps.setInt(i, query.limit().getAsInt());
        }
        List<Checkpoint> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(decode(rs));
            }
        }
        return result;
    }

    /**
     * The SQL of a query. A cursor is looked up in the same statement (one snapshot); when it is
     * not in the execution the row-value comparison is NULL and nothing is selected. The
     * metadata filter is done in SQL with {@code json_each}, keys and values bound as
     * parameters; a row whose metadata is not valid JSON is selected so that decoding it reports
     * the corruption instead of hiding the row.
     */
    static String listSql(CheckpointQuery query) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM checkpoints WHERE execution_id = ?");
        if (query.after().isPresent()) {
            sql.append(" AND (ts, id) > (SELECT ts, id FROM checkpoints WHERE execution_id = ? AND id = ?)");
        }
        if (query.before().isPresent()) {
            sql.append(" AND (ts, id) < (SELECT ts, id FROM checkpoints WHERE execution_id = ? AND id = ?)");
        }
        for (int k = 0; k < query.metadata().size(); k++) {
            sql.append(" AND CASE WHEN json_valid(metadata) THEN EXISTS (SELECT 1 FROM json_each(metadata) j")
                    .append(" WHERE j.key = ? AND j.type = 'text' AND j.value = ?) ELSE 1 END");
        }
        sql.append(query.newestFirst() ? " ORDER BY ts DESC, id DESC" : " ORDER BY ts, id");
        if (query.limit().isPresent()) {
            sql.append(" LIMIT ?");
        }
        return sql.toString();
    }

    /** Deletes one row. */
    public static boolean delete(PooledConnection c, String id) throws SQLException {
        PreparedStatement ps = c.prepare(DELETE);
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
    }

    /** Deletes every row of an execution in one statement. */
    public static int clear(PooledConnection c, String executionId) throws SQLException {
        PreparedStatement ps = c.prepare(CLEAR);
        ps.setString(1, executionId);
        return ps.executeUpdate();
    }

    /** Deletes every row of an execution in one statement and returns their ids. */
    public static List<String> clearReturningIds(PooledConnection c, String executionId) throws SQLException {
        PreparedStatement ps = c.prepare(CLEAR + " RETURNING id");
        ps.setString(1, executionId);
        return ids(ps);
    }

    /** Trims in one statement; pinned rows are kept and do not count. */
    public static int trim(PooledConnection c, String executionId, int keepLatest) throws SQLException {
        PreparedStatement ps = c.prepare(TRIM);
        bindTrim(ps, executionId, keepLatest);
        return ps.executeUpdate();
    }

    /** Trims in one statement and returns the ids removed. */
    public static List<String> trimReturningIds(PooledConnection c, String executionId, int keepLatest)
            throws SQLException {
        PreparedStatement ps = c.prepare(TRIM + " RETURNING id");
        bindTrim(ps, executionId, keepLatest);
        return ids(ps);
    }

    private static void bindTrim(PreparedStatement ps, String executionId, int keepLatest) throws SQLException {
        ps.setString(1, executionId);
        ps.setString(2, executionId);
        ps.setInt(3, keepLatest);
    }

    private static List<String> ids(PreparedStatement ps) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** One keyset page of executions, grouped in SQL over the index. */
    public static List<ExecutionInfo> executions(PooledConnection c, String afterExecutionId, int limit)
            throws SQLException {
        List<ExecutionInfo> page = new ArrayList<>();
        try (ResultSet rs = EXECUTIONS.prepare(c, afterExecutionId, limit).executeQuery()) {
            while (rs.next()) {
                page.add(new ExecutionInfo(rs.getString(1), rs.getLong(2), fromMicros(rs.getLong(3))));
            }
        }
        return page;
    }

    /** The count and last timestamp of a file holding one execution; empty when it holds none. */
    public static Optional<ExecutionInfo> summary(PooledConnection c, String executionId) throws SQLException {
        try (ResultSet rs = c.prepare(SUMMARY).executeQuery()) {
            if (rs.next() && rs.getLong(1) > 0) {
                return Optional.of(new ExecutionInfo(executionId, rs.getLong(1), fromMicros(rs.getLong(2))));
            }
            return Optional.empty();
        }
    }

    private static Checkpoint decode(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        String name = id == null ? "(null id)" : id;
        try {
            byte[] state = rs.getBytes(5);
            if (state == null) {
                if (rs.wasNull()) {
                    throw new CheckpointCorruptedException(name, "its state is NULL", null);
                }
                state = new byte[0];
            }
            String metadataJson = rs.getString(6);
            if (metadataJson == null) {
                throw new CheckpointCorruptedException(name, "its metadata is NULL", null);
            }
            Map<String, String> metadata = MetadataJson.read(metadataJson);
            long version = rs.getLong(8);
            if (version < 1) {
                throw new CheckpointCorruptedException(name, "its stored version " + version + " is not positive", null);
            }
            return Checkpoint.builder(rs.getString(2))
                    .id(id)
                    .parentId(rs.getString(3))
                    .nodeName(rs.getString(4))
                    .state(state)
                    .metadata(metadata)
                    .timestamp(fromMicros(rs.getLong(7)))
                    .version(version)
                    .build();
        } catch (JsonProcessingException e) {
            throw new CheckpointCorruptedException(name, "its metadata is not a JSON object of strings: "
                    + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException
                 | java.time.DateTimeException e) {
            throw new CheckpointCorruptedException(name, "a stored field is illegal: " + e.getMessage(), e);
        }
    }

    /** Epoch microseconds; exact, as timestamps are truncated to microseconds. */
    static long toMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant fromMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
