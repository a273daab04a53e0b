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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresMigrationTest {

    private final String schema = TestDatabase.freshSchema("ckpt_migrate");

    @AfterEach
    void dropSchema() {
        TestDatabase.dropSchema(schema);
    }

    @Test
    void tenStoresStartingTogetherOnAFreshSchemaMigrateOnceWithoutError() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PostgresCheckpointStore>> starting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            starting.add(threads.submit(() -> {
                go.await();
                return PostgresCheckpointStore.builder(TestDatabase.uri(schema, "checkpoints") + "&poolSize=1").build();
            }));
        }
        go.countDown();
        List<PostgresCheckpointStore> stores = new ArrayList<>();
        try {
            for (Future<PostgresCheckpointStore> f : starting) {
                stores.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(stores.stream().mapToInt(PostgresCheckpointStore::migrationsApplied).sum())
                    .isEqualTo(SchemaMigrator.LATEST_VERSION);
            assertThat(count("SELECT count(*) FROM \"" + schema + "\".checkpoints_schema_version"))
                    .isEqualTo(SchemaMigrator.MIGRATIONS.size());
            Checkpoint cp = stores.get(0).save(Checkpoint.builder("exec").build());
            for (PostgresCheckpointStore store : stores) {
                assertThat(store.load(cp.id())).contains(cp);
            }
        } finally {
            stores.forEach(PostgresCheckpointStore::close);
            threads.shutdownNow();
        }
    }

    @Test
    void aSecondStartFindsTheWorkDone() {
        String uri = TestDatabase.uri(schema, "again") + "&poolSize=1";
        try (PostgresCheckpointStore first = PostgresCheckpointStore.builder(uri).build();
             PostgresCheckpointStore second = PostgresCheckpointStore.builder(uri).build()) {
            assertThat(first.migrationsApplied()).isEqualTo(SchemaMigrator.LATEST_VERSION);
            assertThat(second.migrationsApplied()).isZero();
        }
    }

    @Test
    void aNewerSchemaVersionIsRefusedBeforeAnythingIsWritten() throws SQLException {
        TestDatabase.execute("CREATE SCHEMA \"" + schema + "\"");
        TestDatabase.execute("CREATE TABLE \"" + schema + "\".future_schema_version (version integer PRIMARY KEY,"
                + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        TestDatabase.execute("INSERT INTO \"" + schema + "\".future_schema_version VALUES (99, 'from the future')");

        assertThatThrownBy(() -> PostgresCheckpointStore.builder(TestDatabase.uri(schema, "future") + "&poolSize=1")
                .build())
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("newer");
        assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'future'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM \"" + schema + "\".future_schema_version")).isEqualTo(1);
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
