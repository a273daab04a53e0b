package io.checkpointkit.postgres;

import io.checkpointkit.CheckpointException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is already at a table's name: nothing, a checkpoint table of ours, or something else
 * (LangGraph's PostgresSaver, for one, creates a table named {@code checkpoints}).
 *
 * <p>A table is ours when it is a plain (or partitioned) table with every column our first
 * migration creates, of the same type. Later migrations may add columns, so more columns are
 * fine. The shape is judged rather than a marker, because tables made by earlier versions carry
 * none, and a table that has our columns is one the store can run its statements on.
 *
 * @param exists whether a relation of that name is there
 * @param problems why it is not a checkpoint table of ours; empty when it is one (or absent)
 */
record ExistingTable(boolean exists, List<String> problems) {

    /** The columns of migration 1 and their types as {@code format_type} spells them. */
    private static final Map<String, String> COLUMNS = columns(
            "id", "text", "execution_id", "text", "parent_id", "text", "node_name", "text",
            "state", "bytea", "metadata", "jsonb", "ts", "timestamp with time zone", "version", "bigint");

    private static final String INSPECT = "SELECT c.relkind, a.attname, format_type(a.atttypid, a.atttypmod)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
            + " WHERE n.nspname = ? AND c.relname = ?";

    /** Reads the catalog; writes nothing. */
    static ExistingTable inspect(Connection connection, TableName table) throws SQLException {
        String kind = null;
        Map<String, String> found = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement(INSPECT)) {
            s.setString(1, table.schema());
            s.setString(2, table.table());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    kind = rs.getString(1);
                    if (rs.getString(2) != null) {
                        found.put(rs.getString(2), rs.getString(3));
                    }
                }
            }
        }
        if (kind == null) {
            return new ExistingTable(false, List.of());
        }
        List<String> problems = new ArrayList<>();
        if (!kind.equals("r") && !kind.equals("p")) {
            problems.add("it is not a table (pg_class.relkind '" + kind + "')");
        }
        List<String> missing = new ArrayList<>();
        COLUMNS.forEach((column, type) -> {
            String actual = found.get(column);
            if (actual == null) {
                missing.add(column);
            } else if (!actual.equals(type)) {
                problems.add(column + " is " + actual + ", not " + type);
            }
        });
        if (!missing.isEmpty()) {
            problems.add(0, "it has no column " + String.join(", ", missing));
        }
        return new ExistingTable(true, List.copyOf(problems));
    }

    /** A checkpoint table the store can use. */
    boolean ours() {
        return exists && problems.isEmpty();
    }

    /** Something else holds the name. */
    boolean foreign() {
        return exists && !problems.isEmpty();
    }

    /** The refusal for a foreign table: names it, says why, and how to choose another. */
    CheckpointException refusal(TableName table) {
        return new CheckpointException("table " + table + " exists but is not a CheckpointKit table ("
                + String.join("; ", problems) + "); nothing was written. Another tool's table of that name"
                + " (LangGraph's PostgresSaver creates one named \"checkpoints\") is left alone: choose another"
                + " table with ?table=<name> in the URI or PostgresCheckpointStore.Builder.table(name), or another"
                + " schema with ?schema=<name> or Builder.schema(name).");
    }

    private static Map<String, String> columns(String... namesAndTypes) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            columns.put(namesAndTypes[i], namesAndTypes[i + 1]);
        }
        return Collections.unmodifiableMap(columns);
    }
}
