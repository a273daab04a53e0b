package io.checkpointkit.benchmarks.scale;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The raw SQL sides' reading of a row: every column, as the store reads it. */
final class ConcurrencyRows {

    private ConcurrencyRows() {
    }

    /**
     * Reads every column of the first row (id, execution id, parent id, node name, state,
     * metadata, timestamp, version).
     *
     * @return the fields read
     * @throws IllegalStateException if there is no row
     */
    static Object[] readOne(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new IllegalStateException("no row");
        }
        return new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getBytes(5), rs.getString(6), rs.getObject(7), rs.getLong(8)};
    }
}
