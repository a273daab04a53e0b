package io.checkpointkit.sqlite.internal;

import io.checkpointkit.Checkpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the single file's combined saves write: what each save alone writes. */
class SaveAllTest {

    @TempDir
    Path dir;

    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("s.db"), new Settings("NORMAL", "WAL", Duration.ofSeconds(5), true, 2, 256,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Clock.systemUTC()), Schema.SINGLE_FILE);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Checkpoint cp(String execution, String id, String state) {
        return Checkpoint.builder(execution).id(id).state(state.getBytes()).putMetadata("k", state)
                .timestamp(java.time.Instant.parse("2026-01-02T03:04:05.123456Z")).build();
    }

    @Test
    void saveAllWritesEachRowLikeSaveAndLeavesOwnershipConflictsToRunAlone() throws SQLException {
        PooledConnection c = db.writer();
        Checkpoint stored = CheckpointRows.save(c, cp("e1", "old", "v1"));
        CheckpointRows.save(c, cp("other", "owned", "theirs"));

        List<Checkpoint> saved = CheckpointRows.saveAll(c, List.of(
                cp("e1", "new", "a"), cp("e1", "old", "v2"), cp("e2", "owned", "mine"), cp("e2", "x", "b"),
                cp("e2", "x", "again")));

        assertThat(saved).hasSize(5);
        assertThat(saved.get(0)).isEqualTo(cp("e1", "new", "a").withVersion(1));
        assertThat(saved.get(1)).isEqualTo(cp("e1", "old", "v2").withVersion(2));
        assertThat(saved.get(2)).as("owned by another execution: nothing written").isNull();
        assertThat(saved.get(3)).isEqualTo(cp("e2", "x", "b").withVersion(1));
        assertThat(saved.get(4)).as("a repeated id updates the row written before it")
                .isEqualTo(cp("e2", "x", "again").withVersion(2));
        assertThat(CheckpointRows.load(c, "owned")).hasValueSatisfying(o -> {
            assertThat(o.executionId()).isEqualTo("other");
            assertThat(o.state()).isEqualTo("theirs".getBytes());
        });
        assertThat(CheckpointRows.load(c, "old")).contains(saved.get(1));
        assertThat(CheckpointRows.load(c, "x")).contains(saved.get(4));
        assertThat(stored.version()).isEqualTo(1);
        assertThatThrownBy(() -> CheckpointRows.saveAll(c, List.of(cp("e1", "new2", "n"),
                cp("e1", "old", "v3").withVersion(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("old");
        assertThat(CheckpointRows.load(c, "new2")).as("nothing written before the check").isEmpty();
    }

    @Test
    void touchAllRecordsEachExecutionAndNeverMovesAWriteTimeBack() throws SQLException {
        PooledConnection c = db.writer();
        List<Checkpoint> many = new ArrayList<>();
        Map<String, Long> expectedWrites = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            many.add(cp("e" + i, "id" + i, "s" + i));
            expectedWrites.put("e" + i, 1_000L);
        }
        assertThat(CheckpointRows.saveAll(c, many)).allSatisfy(s -> assertThat(s.version()).isEqualTo(1))
                .hasSize(many.size());
        ExecutionWrites.touchAll(c, expectedWrites.keySet(), 1_000L);
        ExecutionWrites.touchAll(c, List.of("e0", "e1"), 999L);
        ExecutionWrites.touchAll(c, List.of("e2"), 2_000L);
        expectedWrites.put("e2", 2_000L);

        Map<String, Long> writes = new LinkedHashMap<>();
        try (ResultSet rs = c.prepare("SELECT execution_id, last_write FROM execution_writes").executeQuery()) {
            while (rs.next()) {
                writes.put(rs.getString(1), rs.getLong(2));
            }
        }
        assertThat(writes).as("a write time never moves back").containsExactlyInAnyOrderEntriesOf(expectedWrites);
        try (ResultSet rs = c.prepare("SELECT count(*) FROM checkpoints").executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(many.size());
        }
    }
}
