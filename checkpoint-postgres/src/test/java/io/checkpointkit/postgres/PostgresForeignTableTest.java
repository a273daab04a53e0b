package io.checkpointkit.postgres;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table of the same name that is not a checkpoint table (LangGraph's PostgresSaver creates
 * {@code checkpoints}) is refused by name and left alone; the default table does not collide
 * with it; an existing {@code checkpoints} table of ours (the default of earlier versions)
 * keeps being used. Every test has a schema of its own, dropped afterwards.
 */
class PostgresForeignTableTest {

    private final String schema = TestDatabase.freshSchema("ckpt_foreign");

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aForeignLangGraphTableNamedExplicitlyIsRefusedByNameAndLeftUntouched() throws SQLException {
        createLangGraphTables();
        List<String> before = tables();

        assertThatThrownBy(() -> PostgresCheckpointStore.builder(TestDatabase.uri(schema, "checkpoints")
                + "&poolSize=1").build())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("\"" + schema + "\".\"checkpoints\"")
                .hasMessageContaining("not a CheckpointKit table")
                .hasMessageContaining("execution_id")
                .hasMessageContaining("?table=")
                .hasMessageContaining("table(")
                .hasMessageNotContaining("does not exist");
        assertThat(tables()).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM \"" + schema + "\".checkpoints")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema + "'"
                + " AND tablename = 'checkpoints'")).isEqualTo(1);
    }

    @Test
    void aTableWithTheRightNameButAnotherShapeIsRefusedNamingWhatDiffers() {
        TestDatabase.execute("CREATE SCHEMA \"" + schema + "\"");
        TestDatabase.execute("CREATE TABLE \"" + schema + "\".runs (id text PRIMARY KEY, execution_id text,"
                + " parent_id text, node_name text, state text, metadata jsonb, ts timestamptz, version bigint)");

        assertThatThrownBy(() -> PostgresCheckpointStore.builder(TestDatabase.uri(schema, "runs")
                + "&poolSize=1").build())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("\"" + schema + "\".\"runs\"")
                .hasMessageContaining("state is text, not bytea");
    }

    @Test
    void theDefaultTableDoesNotCollideWithAForeignCheckpointsTable() throws SQLException {
        createLangGraphTables();

        try (PostgresCheckpointStore store = PostgresCheckpointStore.builder(TestDatabase.withOptions(
                "schema=" + schema + "&poolSize=1")).build()) {
            Checkpoint saved = store.save(Checkpoint.builder("exec").state(new byte[] {1, 2}).build());

            assertThat(store.load(saved.id())).contains(saved);
            assertThat(store.toString()).contains("\"" + schema + "\".\"checkpointkit_checkpoints\"");
        }
        assertThat(count("SELECT count(*) FROM \"" + schema + "\".checkpointkit_checkpoints")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM \"" + schema + "\".checkpoints")).isEqualTo(1);
    }

    @Test
    void aFreshSchemaGetsTheNewDefaultTable() throws SQLException {
        try (PostgresCheckpointStore store = PostgresCheckpointStore.builder(TestDatabase.withOptions(
                "schema=" + schema + "&poolSize=1")).build()) {
            store.save(Checkpoint.builder("exec").build());
        }

        assertThat(tables()).containsExactly("checkpointkit_checkpoints", "checkpointkit_checkpoints_schema_version",
                "checkpointkit_checkpoints_writes");
    }

    @Test
    void anOldDefaultTableOfOursKeepsBeingUsedWithItsData() throws SQLException {
        Checkpoint old;
        try (PostgresCheckpointStore earlier = PostgresCheckpointStore.builder(TestDatabase.uri(schema, "checkpoints")
                + "&poolSize=1").build()) {
            old = earlier.save(Checkpoint.builder("exec").state(new byte[] {7}).build());
        }

        try (PostgresCheckpointStore store = PostgresCheckpointStore.builder(TestDatabase.withOptions(
                "schema=" + schema + "&poolSize=1")).build()) {
            assertThat(store.load(old.id())).contains(old);
            assertThat(store.save(old).version()).isEqualTo(2);
            assertThat(store.toString()).contains("\"" + schema + "\".\"checkpoints\"");
        }
        assertThat(tables()).containsExactly("checkpoints", "checkpoints_schema_version", "checkpoints_writes");
    }

    @Test
    void whenBothDefaultTablesAreOursTheNewOneIsUsed() {
        try (PostgresCheckpointStore oldDefault = PostgresCheckpointStore.builder(TestDatabase.uri(schema, "checkpoints")
                + "&poolSize=1").build();
             PostgresCheckpointStore newDefault = PostgresCheckpointStore.builder(TestDatabase.uri(schema,
                     "checkpointkit_checkpoints") + "&poolSize=1").build()) {
            Checkpoint inOld = oldDefault.save(Checkpoint.builder("exec").build());
            Checkpoint inNew = newDefault.save(Checkpoint.builder("exec").build());

            try (PostgresCheckpointStore store = PostgresCheckpointStore.builder(TestDatabase.withOptions(
                    "schema=" + schema + "&poolSize=1")).build()) {
                assertThat(store.load(inNew.id())).contains(inNew);
                assertThat(store.load(inOld.id())).isEmpty();
            }
        }
    }

    /** The tables LangGraph's PostgresSaver creates (its first migrations), with one checkpoint. */
    private void createLangGraphTables() {
        TestDatabase.execute("CREATE SCHEMA \"" + schema + "\"");
        TestDatabase.execute("CREATE TABLE \"" + schema + "\".checkpoint_migrations (v INTEGER PRIMARY KEY)");
        TestDatabase.execute("CREATE TABLE \"" + schema + "\".checkpoints ("
                + " thread_id TEXT NOT NULL,"
                + " checkpoint_ns TEXT NOT NULL DEFAULT '',"
                + " checkpoint_id TEXT NOT NULL,"
                + " parent_checkpoint_id TEXT,"
                + " type TEXT,"
                + " checkpoint JSONB NOT NULL,"
                + " metadata JSONB NOT NULL DEFAULT '{}',"
                + " PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id))");
        TestDatabase.execute("INSERT INTO \"" + schema + "\".checkpoints (thread_id, checkpoint_id, checkpoint)"
                + " VALUES ('thread-1', '1ef4f797-8335-6428-8001-8a1503f9b875', '{\"v\": 1}')");
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema
                     + "' ORDER BY tablename")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
