package io.checkpointkit.postgres;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.ExecutionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code clearIfIdleSince} on PostgreSQL: the migration of older tables, and a write racing a clear. */
class PostgresIdleClearTest {

    private final String schema = TestDatabase.freshSchema("ckpt_idle");

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void aTableAtSchemaVersion1IsMigratedWithItsExecutionsCountedAsWrittenAtTheMigration() throws SQLException {
        TableName table = TableName.of(schema, "old");
        TestDatabase.execute("CREATE SCHEMA \"" + schema + "\"");
        TestDatabase.execute("CREATE TABLE " + table.qualified(SchemaMigrator.VERSION_TABLE_SUFFIX)
                + " (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        SchemaMigrator.Migration first = SchemaMigrator.MIGRATIONS.get(0);
        for (String sql : first.statements()) {
            TestDatabase.execute(sql.replace("{t}", table.qualified())
                    .replace("{ix}", table.quotedName(SchemaMigrator.EXECUTION_INDEX_SUFFIX)));
        }
        TestDatabase.execute("INSERT INTO " + table.qualified(SchemaMigrator.VERSION_TABLE_SUFFIX)
                + " (version, description) VALUES (1, 'v1')");
        TestDatabase.execute("INSERT INTO " + table.qualified() + " VALUES ('x', 'old-run', NULL, '', '\\x00'::bytea,"
                + " '{}'::jsonb, timestamptz '2020-01-01', 1)");
        Instant beforeMigration = Instant.now().minusSeconds(1);

        try (PostgresCheckpointStore store = PostgresCheckpointStore.builder(TestDatabase.uri(schema, "old")
                + "&poolSize=1").build()) {
            assertThat(store.migrationsApplied()).isEqualTo(SchemaMigrator.LATEST_VERSION - 1);
            ExecutionInfo info = store.executions(null, 10).items().get(0);
            assertThat(info.lastTimestamp()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
            assertThat(info.lastWriteTime()).isAfter(beforeMigration);
            assertThat(store.clearIfIdleSince("old-run", beforeMigration)).isZero();
            assertThat(store.clearIfIdleSince("old-run", Instant.now().plusSeconds(5))).isEqualTo(1);
        }
    }

    /**
     * A save holds its execution's row of write times until it commits; a clear that decided
     * meanwhile waits for it, then sees the new write time and removes nothing.
     */
    @Test
    void aSaveCommittingWhileTheClearWaitsIsNotDeleted() throws Exception {
        String uri = TestDatabase.uri(schema, "race") + "&poolSize=2";
        TableName table = TableName.of(schema, "race");
        try (PostgresCheckpointStore store = PostgresCheckpointStore.builder(uri).build();
             Connection writer = TestDatabase.dataSource().getConnection()) {
            store.save(Checkpoint.builder("run").id("old-1").timestamp(Instant.parse("2020-01-01T00:00:00Z")).build());
            store.save(Checkpoint.builder("run").id("old-2").timestamp(Instant.parse("2020-01-02T00:00:00Z")).build());
            // As if the run had last written ten days ago.
            TestDatabase.execute("UPDATE " + table.qualified(SchemaMigrator.WRITES_TABLE_SUFFIX)
                    + " SET last_write = now() - interval '10 days'");
            Instant cutoff = Instant.now().minus(Duration.ofDays(7));

            writer.setAutoCommit(false);
            CheckpointStatements statements = new CheckpointStatements(new CheckpointSql(table), Clock.systemUTC());
            statements.save(writer, Checkpoint.builder("run").id("resumed").build()); // not committed yet
            CompletableFuture<Integer> clear = CompletableFuture.supplyAsync(() -> store.clearIfIdleSince("run", cutoff));
            awaitAWaitingClear();
            writer.commit();

            assertThat(clear.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(store.list("run")).extracting(Checkpoint::id).containsExactly("old-1", "old-2", "resumed");
        }
    }

    /** Waits (at most 30 s) until a statement on the writes table waits for a lock. */
    private void awaitAWaitingClear() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                         + " AND query LIKE '%" + schema + "%race_writes%'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the clear never waited for the uncommitted save");
    }
}
