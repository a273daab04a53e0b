package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.testsupport.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time of each execution's last write, by the store's clock, in both layouts; and the
 * migration that adds it to a single file written before it existed.
 */
class ExecutionWritesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2024-01-01T00:00:00Z"));

    private void idleClearFollowsTheStoreClock(SqliteCheckpointStore store) {
        clock.set(T0);
        // The timestamps are old; only the write times (the clock) count.
        Instant old = T0.minus(Duration.ofDays(365));
        store.save(Checkpoint.builder("run").id("a").timestamp(old).build());
        Checkpoint b = store.save(Checkpoint.builder("run").id("b").timestamp(old.plusSeconds(1)).build());
        assertThat(store.executions(null, 10).items()).containsExactly(
                new ExecutionInfo("run", 2, old.plusSeconds(1), T0));

        clock.set(T0.plus(Duration.ofDays(10)));
        store.save(b.toBuilder().state(new byte[] {7}).build()); // an update in place: same timestamp
        assertThat(store.clearIfIdleSince("run", T0.plus(Duration.ofDays(3)))).isZero();
        assertThat(store.executions(null, 10).items().get(0).lastWriteTime()).isEqualTo(clock.instant());

        clock.set(T0.plus(Duration.ofDays(20)));
        assertThat(store.delete("a")).isTrue();
        assertThat(store.clearIfIdleSince("run", T0.plus(Duration.ofDays(15)))).isZero();
        assertThat(store.list("run")).hasSize(1);
        // Written at day 20: idle since any later instant, and not since that millisecond.
        assertThat(store.clearIfIdleSince("run", clock.instant())).isZero();
        assertThat(store.clearIfIdleSince("run", clock.instant().plusMillis(1))).isEqualTo(1);
        assertThat(store.list("run")).isEmpty();
    }

    @Test
    void singleFileJudgesIdlenessByTheLastWriteByItsClock() {
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(dir.resolve("c.db")).clock(clock).build()) {
            idleClearFollowsTheStoreClock(store);
        }
    }

    @Test
    void perExecutionLayoutJudgesIdlenessByTheLastWriteByItsClock() {
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(dir.resolve("s")).clock(clock)
                .build()) {
            idleClearFollowsTheStoreClock(store);
        }
    }

    @Test
    void aFileFromBeforeWriteTimesIsMigratedWithItsExecutionsCountedAsWrittenNow() throws Exception {
        Path file = dir.resolve("old.db");
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(file).build()) {
            store.save(Checkpoint.builder("old-run").id("x").timestamp(Instant.parse("2020-01-01T00:00:00Z")).build());
        }
        // Make it a schema version 1 file, as checkpoint-sqlite wrote before write times existed.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement()) {
            st.execute("DROP TABLE execution_writes");
            st.execute("DELETE FROM schema_version WHERE version > 1");
        }
        Instant beforeOpening = Instant.now().minusSeconds(1);
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(file).build()) {
            ExecutionInfo info = store.executions(null, 10).items().get(0);
            assertThat(info.lastWriteTime()).isAfterOrEqualTo(beforeOpening.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            assertThat(store.clearIfIdleSince("old-run", beforeOpening)).isZero();
            assertThat(store.list("old-run")).hasSize(1);
            assertThat(store.clearIfIdleSince("old-run", Instant.now().plusSeconds(5))).isEqualTo(1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(version) FROM schema_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }
}
