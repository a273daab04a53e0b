package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.spi.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Durations are bounded where they are parsed and where they are set, before any file exists. */
class OutOfRangeDurationsTest {

    @TempDir
    Path dir;

    @Test
    void anOutOfRangeDurationIsRejectedNamingTheOptionBeforeAnyFileExists() {
        for (String layout : List.of("single", "per-execution")) {
            for (String option : List.of("timeout", "busyTimeout", "connectTimeout")) {
                for (String value : List.of("25d", "1000000d", "9223372036854775807d")) {
                    Path target = dir.resolve(layout + "-" + option + "-" + value.length());
                    String uri = "sqlite:" + target + "?layout=" + layout + "&" + option + "=" + value;

                    assertThatThrownBy(() -> CheckpointStores.open(uri).close())
                            .as(uri).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining(option + " must be")
                            .hasMessageMatching(".*(and 24d, was|at most 24d, was).*");
                    assertThat(Files.exists(target)).as("%s created", target).isFalse();
                }
            }
        }
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().timeout(Duration.ofDays(1_000_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be between 1ms and 24d, was 1000000d");
    }

    @Test
    void removeIdleExecutionsTakesAtMostTheLongestParsedDuration() {
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(dir.resolve("idle")).build()) {
            store.save(Checkpoint.builder("exec").id("cp").build());
            assertThat(store.removeIdleExecutions(Durations.MAX)).isZero();
            // Accepted before, this overflowed computing the cut-off (ArithmeticException).
            assertThatThrownBy(() -> store.removeIdleExecutions(Duration.ofSeconds(Long.MAX_VALUE)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("idleFor must be between 0ms and 106751d, was ");
            assertThat(store.load("cp")).isPresent();
        }
    }

    @Test
    void theLongestDurationsOpenAndSave() {
        // A timeout of 1000000d used to open, then fail every save with an ArithmeticException.
        String uri = "sqlite:" + dir.resolve("longest.db") + "?timeout=24d&busyTimeout=24d&connectTimeout=24d";
        try (CheckpointStore store = CheckpointStores.open(uri)) {
            Checkpoint saved = store.save(Checkpoint.builder("exec").id("cp").build());
            assertThat(store.load("cp")).contains(saved);
            assertThat(store.delete("cp")).isTrue();
        }
    }
}
