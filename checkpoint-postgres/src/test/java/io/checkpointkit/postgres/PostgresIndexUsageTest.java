package io.checkpointkit.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every statement the store runs is planned with an index, never a scan of the whole table:
 * checked with EXPLAIN on a table of 100k rows (1,000 executions of 100 checkpoints), in its
 * own schema, dropped afterwards.
 */
class PostgresIndexUsageTest {

    private static String schema;
    private static CheckpointSql sql;
    private static Connection connection;

    @BeforeAll
    static void fill() throws SQLException {
        schema = TestDatabase.freshSchema("ckpt_explain");
        String table = "explain_100k";
        PostgresCheckpointStore.builder(TestDatabase.uri(schema, table) + "&poolSize=1").build().close();
        TableName name = TableName.of(schema, table);
        sql = new CheckpointSql(name);
        connection = TestDatabase.dataSource().getConnection();
        try (Statement s = connection.createStatement()) {
            s.execute("INSERT INTO " + name.qualified() + " (" + CheckpointSql.COLUMNS + ")"
                    + " SELECT 'cp-' || g, 'exec-' || (g % 1000), NULL, 'node', '\\x00'::bytea,"
                    + " (CASE WHEN g % 10 = 0 THEN '{\"pinned\": \"true\"}' ELSE '{\"step\": \"x\"}' END)::jsonb,"
                    + " timestamptz '2024-01-01' + g * interval '1 second', 1 FROM generate_series(1, 100000) g");
            s.execute("INSERT INTO " + name.qualified(SchemaMigrator.WRITES_TABLE_SUFFIX)
                    + " SELECT execution_id, now() FROM " + name.qualified() + " GROUP BY execution_id");
            s.execute("ANALYZE " + name.qualified());
            s.execute("ANALYZE " + name.qualified(SchemaMigrator.WRITES_TABLE_SUFFIX));
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        TestDatabase.dropSchema(schema);
    }

    @Test
    void loadUsesThePrimaryKey() throws SQLException {
        assertIndexed(sql.load, "cp-500");
    }

    @Test
    void listAndLatestUseTheExecutionIndex() throws SQLException {
        assertIndexed(sql.list, "exec-7");
        assertIndexed(sql.latest, "exec-7");
    }

    @Test
    void queriesWithCursorsAndMetadataUseTheExecutionIndex() throws SQLException {
        int shape = CheckpointSql.QUERY_AFTER | CheckpointSql.QUERY_BEFORE | CheckpointSql.QUERY_METADATA
                | CheckpointSql.QUERY_NEWEST_FIRST | CheckpointSql.QUERY_LIMIT;
        assertIndexed(sql.query(shape), "exec-7", "cp-1007", "exec-7", "cp-9007", "exec-7", "{\"step\": \"x\"}", 10);
        assertIndexed(sql.query(CheckpointSql.QUERY_METADATA), "exec-7", "{\"pinned\": \"true\"}");
    }

    @Test
    void writesFindTheirRowsByIndex() throws SQLException {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        assertIndexed(sql.delete, now, "cp-500", "cp-500");
        assertIndexed(sql.clear, "exec-7", "exec-7");
        assertIndexed(sql.clearIfIdle, "exec-7", now, "exec-7");
        assertIndexed(sql.trim, "exec-7", "exec-7", 9);
        assertIndexed(sql.trimAll, "exec-7");
        assertIndexed(sql.compareAndSet, "exec-500", now, null, "n", new byte[0], "{}",
                java.time.OffsetDateTime.now(), "cp-500", "exec-500", 1L, "cp-500");
    }

    @Test
    void executionsAreReadInIndexOrder() throws SQLException {
        assertIndexed(sql.executions, 100);
        assertIndexed(sql.executionsAfter, "exec-500", 100);
    }

    /**
     * A page of 500 (the sweeper's default) of half the executions, on a table analysed but not
     * vacuumed (as after a bulk load, or when autovacuum lags): grouping the checkpoint table
     * planned as a scan of all of it (issue 18); walking the write-times table does not.
     */
    @Test
    void aSweepersPageOfExecutionsIsReadByIndex() throws SQLException {
        assertIndexed(sql.executions, 500);
        assertIndexed(sql.executionsAfter, "exec-100", 500);
    }

    private static void assertIndexed(String statement, Object... parameters) throws SQLException {
        List<String> plan = new ArrayList<>();
        // EXPLAIN without ANALYZE: the DELETE and UPDATE are planned, not run.
        try (PreparedStatement s = connection.prepareStatement("EXPLAIN " + statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        String text = String.join("\n", plan);
        assertThat(text).as(statement + "\n" + text).doesNotContain("Seq Scan").containsPattern("Index (Only )?Scan");
    }
}
