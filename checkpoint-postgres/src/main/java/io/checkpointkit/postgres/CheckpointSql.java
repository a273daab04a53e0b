package io.checkpointkit.postgres;

/**
 * The SQL the store runs, for one table. The templates name the table as {@code {t}}; it is
 * replaced once, at construction, by the validated and quoted name ({@link TableName}).
 * Everything that comes from a caller is a bind parameter.
 */
final class CheckpointSql {

    /** The columns of a row, in the order {@link Rows#read} reads them. */
    static final String COLUMNS = "id, execution_id, parent_id, node_name, state, metadata, ts, version";

    /** A checkpoint is kept by trim when this holds. */
    private static final String UNPINNED = "(metadata ->> 'pinned') IS DISTINCT FROM 'true'";

    /*
     * Insert, or overwrite in place when the id is stored under the same execution. Another
     * execution's row makes the WHERE false, so no row comes back: an ownership conflict. One
     * statement, so there is no window between a read and a write.
     */
    private static final String UPSERT = "INSERT INTO {t} AS c (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, 1)"
            + " ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, node_name = EXCLUDED.node_name,"
            + " state = EXCLUDED.state, metadata = EXCLUDED.metadata, ts = EXCLUDED.ts, version = c.version + 1"
            + " WHERE c.execution_id = EXCLUDED.execution_id"
            + " RETURNING version";

    /*
     * Compare-and-set. The outer SELECT sees the row as it was before the UPDATE (one snapshot
     * for the whole statement), which tells why a failed update failed without a second round
     * trip: new_version is null on failure, stored_* describe what was there.
     */
    private static final String COMPARE_AND_SET = "WITH updated AS ("
            + "UPDATE {t} SET parent_id = ?, node_name = ?, state = ?, metadata = ?::jsonb, ts = ?,"
            + " version = version + 1"
            + " WHERE id = ? AND execution_id = ? AND version = ? RETURNING version)"
            + " SELECT (SELECT version FROM updated) AS new_version,"
            + " s.version AS stored_version, s.execution_id AS stored_execution"
            + " FROM (SELECT 1) AS one LEFT JOIN {t} AS s ON s.id = ?";

    private static final String LOAD = "SELECT " + COLUMNS + " FROM {t} WHERE id = ?";

    private static final String LIST = "SELECT " + COLUMNS + " FROM {t} WHERE execution_id = ? ORDER BY ts, id";

    private static final String LATEST = "SELECT " + COLUMNS + " FROM {t} WHERE execution_id = ?"
            + " ORDER BY ts DESC, id DESC LIMIT 1";

    private static final String DELETE = "DELETE FROM {t} WHERE id = ?";

    private static final String CLEAR = "DELETE FROM {t} WHERE execution_id = ?";

    /*
     * Trim in one statement: the boundary is the keepLatest-th newest unpinned row; every
     * unpinned row before it goes. With fewer unpinned rows than keepLatest the boundary is
     * NULL and the comparison deletes nothing. Rows are visited in index order, as clear does.
     */
    private static final String TRIM = "DELETE FROM {t} WHERE execution_id = ? AND " + UNPINNED
            + " AND (ts, id) < (SELECT b.ts, b.id FROM {t} AS b WHERE b.execution_id = ? AND " + UNPINNED
            + " ORDER BY b.ts DESC, b.id DESC OFFSET ? LIMIT 1)";

    private static final String TRIM_ALL = "DELETE FROM {t} WHERE execution_id = ? AND " + UNPINNED;

    private static final String EXECUTIONS = "SELECT execution_id, count(*), max(ts) FROM {t}"
            + " GROUP BY execution_id ORDER BY execution_id LIMIT ?";

    private static final String EXECUTIONS_AFTER = "SELECT execution_id, count(*), max(ts) FROM {t}"
            + " WHERE execution_id > ? GROUP BY execution_id ORDER BY execution_id LIMIT ?";

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
    final String trim;
    final String trimAll;
    final String executions;
    final String executionsAfter;
    private final String[] queries = new String[32];

    CheckpointSql(TableName table) {
        String t = table.qualified();
        upsert = UPSERT.replace("{t}", t);
        compareAndSet = COMPARE_AND_SET.replace("{t}", t);
        load = LOAD.replace("{t}", t);
        list = LIST.replace("{t}", t);
        latest = LATEST.replace("{t}", t);
        delete = DELETE.replace("{t}", t);
        clear = CLEAR.replace("{t}", t);
        trim = TRIM.replace("{t}", t);
        trimAll = TRIM_ALL.replace("{t}", t);
        executions = EXECUTIONS.replace("{t}", t);
        executionsAfter = EXECUTIONS_AFTER.replace("{t}", t);
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
