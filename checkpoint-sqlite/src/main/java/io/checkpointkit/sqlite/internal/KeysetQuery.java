package io.checkpointkit.sqlite.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A query over executions in two forms: {@code fromStart}, and {@code afterCursor}, which takes
 * the cursor (an execution id, exclusive) as its first parameter. Both take one more parameter
 * after that (a limit, or the last id of a range). Two statements rather than one with
 * {@code ? IS NULL OR execution_id > ?}, so SQLite can plan each as a range scan of the index.
 */
record KeysetQuery(String fromStart, String afterCursor) {

    /** Prepares the form {@code after} calls for (null: from the start) and binds its parameters. */
    PreparedStatement prepare(PooledConnection c, String after, Object next) throws SQLException {
        PreparedStatement ps;
        if (after == null) {
            ps = c.prepare(fromStart);
            ps.setObject(1, next);
        } else {
            ps = c.prepare(afterCursor);
            ps.setString(1, after);
            ps.setObject(2, next);
        }
        return ps;
    }

    /** The rows of {@code (execution_id, long)} the statement selects, in their order. */
    static Map<String, Long> longsByExecution(PreparedStatement ps) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }
}
