package io.checkpointkit.postgres;

/**
 * The SQL the store runs, for one table. The templates name the table as {@code {t}} and its
 * table of write times as {@code {w}}; they are replaced once, at construction, by the validated
 * and quoted names ({@link TableName}). Everything that comes from a caller is a bind parameter.
 *
 * <p>Write times: {@code {w}} holds one row per execution with the time of its last save,
 * update or delete. Every statement that writes an execution's checkpoints locks that row
 * first, in the same statement (a data-modifying CTE that the checkpoint write reads from, so it
 * runs first), and {@link #CLEAR_IF_IDLE} deletes it under the condition "last write before the
 * cutoff" before it deletes the checkpoints. So a clear and a write of one execution are
 * serialised on one row, always taken first (no deadlock): a write that commits first makes the
 * clear's re-checked condition false; a write that waits behind the clear finds the row gone,
 * creates a new one, and writes into an empty execution.
 */
final class CheckpointSql {

    /** The columns of a row, in the order {@link Rows#read} reads them. */
    static final String COLUMNS = "id, execution_id, parent_id, node_name, state, metadata, ts, version";

    /** A checkpoint is kept by trim when this holds. */
    private static final String UNPINNED = "(metadata ->> 'pinned') IS DISTINCT FROM 'true'";

    /*
     * Records a write of an execution (parameters: execution id, time), keeping the later time
     * when writers' clocks differ. Used as the first CTE of every write.
     */
    private static final String TOUCH = "WITH w AS (INSERT INTO {w} AS w (execution_id, last_write)"
            + " VALUES (?, ?::timestamptz) ON CONFLICT (execution_id)"
            + " DO UPDATE SET last_write = greatest(w.last_write, EXCLUDED.last_write) RETURNING 1)";

    /*
     * Insert, or overwrite in place when the id is stored under the same execution. Another
     * execution's row makes the WHERE false, so no row comes back: an ownership conflict. One
     * statement, so there is no window between a read and a write. Selecting FROM w makes the
     * write time's row lock come first.
     */
    private static final String UPSERT = TOUCH + " INSERT INTO {t} AS c (" + COLUMNS + ")"
            + " SELECT ?::text, ?::text, ?::text, ?::text, ?::bytea, ?::jsonb, ?::timestamptz, 1 FROM w"
            + " ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, node_name = EXCLUDED.node_name,"
            + " state = EXCLUDED.state, metadata = EXCLUDED.metadata, ts = EXCLUDED.ts, version = c.version + 1"
            + " WHERE c.execution_id = EXCLUDED.execution_id"
            + " RETURNING version";

    /*
     * Compare-and-set. The outer SELECT sees the row as it was before the UPDATE (one snapshot
     * for the whole statement), which tells why a failed update failed without a second round
     * trip: new_version is null on failure, stored_* describe what was there.
     */
    private static final String COMPARE_AND_SET = TOUCH + ", updated AS ("
            + "UPDATE {t} SET parent_id = ?, node_name = ?, state = ?, metadata = ?::jsonb, ts = ?,"
            + " version = version + 1"
            + " WHERE id = ? AND execution_id = ? AND version = ? AND EXISTS (SELECT 1 FROM w) RETURNING version)"
            + " SELECT (SELECT version FROM updated) AS new_version,"
            + " s.version AS stored_version, s.execution_id AS stored_execution"
            + " FROM (SELECT 1) AS one LEFT JOIN {t} AS s ON s.id = ?";

    private static final String LOAD = "SELECT " + COLUMNS + " FROM {t} WHERE id = ?";

    private static final String LIST = "SELECT " + COLUMNS + " FROM {t} WHERE execution_id = ? ORDER BY ts, id";

    private static final String LATEST = "SELECT " + COLUMNS + " FROM {t} WHERE execution_id = ?"
            + " ORDER BY ts DESC, id DESC LIMIT 1";

    // A delete is a write. Parameters: time, id, id. The row of the execution is locked first.
    private static final String DELETE = "WITH w AS (INSERT INTO {w} AS w (execution_id, last_write)"
            + " SELECT execution_id, ?::timestamptz FROM {t} WHERE id = ? ON CONFLICT (execution_id)"
            + " DO UPDATE SET last_write = greatest(w.last_write, EXCLUDED.last_write) RETURNING execution_id)"
            + " DELETE FROM {t} WHERE id = ? AND execution_id IN (SELECT execution_id FROM w)";

    // The uncorrelated subquery runs once, before the first row: the write time's row goes first.
    private static final String CLEAR = "WITH w AS (DELETE FROM {w} WHERE execution_id = ? RETURNING 1)"
            + " DELETE FROM {t} WHERE execution_id = ? AND (SELECT count(*) FROM w) >= 0";

    /*
     * Clear if idle since the cutoff (parameters: execution id, cutoff, execution id): the row of
     * write times goes only if its last write is before the cutoff (re-checked on the newest row
     * version if a write holds it), and the checkpoints only if it went.
     */
    private static final String CLEAR_IF_IDLE = "WITH w AS (DELETE FROM {w} WHERE execution_id = ?"
            + " AND last_write < ?::timestamptz RETURNING 1)"
            + " DELETE FROM {t} WHERE execution_id = ? AND EXISTS (SELECT 1 FROM w)";

    /*
     * Trim in one statement: the boundary is the keepLatest-th newest unpinned row; every
     * unpinned row before it goes. With fewer unpinned rows than keepLatest the boundary is
     * NULL and the comparison deletes nothing. Rows are visited in index order, as clear does.
     */
    private static final String TRIM = "DELETE FROM {t} WHERE execution_id = ? AND " + UNPINNED
            + " AND (ts, id) < (SELECT b.ts, b.id FROM {t} AS b WHERE b.execution_id = ? AND " + UNPINNED
            + " ORDER BY b.ts DESC, b.id DESC OFFSET ? LIMIT 1)";

    private static final String TRIM_ALL = "DELETE FROM {t} WHERE execution_id = ? AND " + UNPINNED;

    /*
     * A page of executions, walked from the write-times table (one row per execution, every write
     * upserts it in the same statement, clear removes it): each row of the page counts its
     * checkpoints through the (execution_id, ts, id) index. The cost is the page's, whatever the
     * table holds; grouping the checkpoint table instead planned as a full scan whenever the
     * visibility map was behind (issue 18). Rows of executions emptied by deletes are skipped.
     */
    private static final String EXECUTIONS_PAGE = "SELECT w.execution_id, c.n, c.last_ts, w.last_write FROM {w} AS w"
            + " CROSS JOIN LATERAL (SELECT count(*) AS n, max(ts) AS last_ts FROM {t}"
            + " WHERE execution_id = w.execution_id) AS c WHERE c.n > 0{after} ORDER BY w.execution_id LIMIT ?";
    private static final String EXECUTIONS = EXECUTIONS_PAGE.replace("{after}", "");
    private static final String EXECUTIONS_AFTER = EXECUTIONS_PAGE.replace("{after}", " AND w.execution_id > ?");

    // A cursor that is not in the execution makes the row comparison NULL: nothing is selected.
    private static final String AFTER = " AND (c.ts, c.id) > (SELECT a.ts, a.id FROM {t} AS a"
            + " WHERE a.id = ? AND a.execution_id = ?)";
    private static final String BEFORE = " AND (c.ts, c.id) < (SELECT a.ts, a.id FROM {t} AS a"
            + " WHERE a.id = ? AND a.execution_id = ?)";
    private static final String CONTAINS = " AND c.metadata @> ?::jsonb";

    static final int QUERY_AFTER = 1;
    static final int QUERY_BEFORE = 2;
    static final int QUERY_METADATA = 4;
    static final int QUERY_NEWEST_FIRST = 8;
    static final int QUERY_LIMIT = 16;

    final String upsert;
    final String compareAndSet;
    final String load;
    final String list;
    final String latest;
    final String delete;
    final String clear;
    final String clearIfIdle;
    final String trim;
    final String trimAll;
    final String executions;
    final String executionsAfter;
    private final String[] queries = new String[32];

    CheckpointSql(TableName table) {
        String t = table.qualified();
        String w = table.qualified(SchemaMigrator.WRITES_TABLE_SUFFIX);
        upsert = UPSERT.replace("{t}", t).replace("{w}", w);
        compareAndSet = COMPARE_AND_SET.replace("{t}", t).replace("{w}", w);
        load = LOAD.replace("{t}", t);
        list = LIST.replace("{t}", t);
        latest = LATEST.replace("{t}", t);
        delete = DELETE.replace("{t}", t).replace("{w}", w);
        clear = CLEAR.replace("{t}", t).replace("{w}", w);
        clearIfIdle = CLEAR_IF_IDLE.replace("{t}", t).replace("{w}", w);
        trim = TRIM.replace("{t}", t);
        trimAll = TRIM_ALL.replace("{t}", t);
        executions = EXECUTIONS.replace("{t}", t).replace("{w}", w);
        executionsAfter = EXECUTIONS_AFTER.replace("{t}", t).replace("{w}", w);
        for (int shape = 0; shape < queries.length; shape++) {
            queries[shape] = query(shape).replace("{t}", t);
        }
    }

    /**
     * The list query of a shape (an OR of the {@code QUERY_*} flags). Parameters in order:
     * execution id; after id and execution id; before id and execution id; metadata JSON; limit.
     */
    String query(int shape) {
        if (queries[shape] != null) {
            return queries[shape];
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM {t} AS c WHERE c.execution_id = ?");
        if ((shape & QUERY_AFTER) != 0) {
            sql.append(AFTER);
        }
        if ((shape & QUERY_BEFORE) != 0) {
            sql.append(BEFORE);
        }
        if ((shape & QUERY_METADATA) != 0) {
            sql.append(CONTAINS);
        }
        sql.append((shape & QUERY_NEWEST_FIRST) != 0 ? " ORDER BY c.ts DESC, c.id DESC" : " ORDER BY c.ts, c.id");
        if ((shape & QUERY_LIMIT) != 0) {
            sql.append(" LIMIT ?");
        }
        return sql.toString();
    }
}
