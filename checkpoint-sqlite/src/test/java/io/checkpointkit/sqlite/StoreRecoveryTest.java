package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStoreUnavailableException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store keeps serving after a fault of its file, without being reopened: the statements that
 * the driver closed on the error are not reused, and the writer connection leaves the failed
 * transaction.
 */
class StoreRecoveryTest {

    @TempDir
    Path dir;

    private static SqliteCheckpointStore open(Path base, SqliteCheckpointStore.Layout layout) {
        return SqliteCheckpointStore.builder()
                .path(base.resolve(layout == SqliteCheckpointStore.Layout.SINGLE ? "store.db" : "store"))
                .layout(layout).build();
    }

    static Checkpoint checkpoint(String executionId, String id, int stateSize, long seed) {
        byte[] state = new byte[stateSize];
        new Random(seed).nextBytes(state);
        return Checkpoint.builder(executionId).id(id).state(state).build();
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void aFullDiskFailsTheSaveAndTheSameStoreWritesAgainOnceSpaceIsFreed(SqliteCheckpointStore.Layout layout)
            throws Exception {
        try (Tmpfs fs = Tmpfs.mount(dir.resolve("fs"), "1m");
             SqliteCheckpointStore store = open(fs.path(), layout)) {
            Checkpoint kept = store.save(checkpoint("exec", "kept", 1_000, 1));
            Path filler = fs.fill();
            CheckpointStoreUnavailableException full = null;
            for (int i = 0; i < 64 && full == null; i++) {
                try {
                    store.save(checkpoint("exec", "big-" + i, 64 * 1024, i));
                } catch (CheckpointStoreUnavailableException e) {
                    full = e;
                }
            }
            assertThat(full).as("a save on the full disk failed").isNotNull();
            assertThat(full).hasMessageContaining("disk is full");

            Files.delete(filler);
            Checkpoint after = store.save(checkpoint("exec", "after", 1_000, 2));
            assertThat(store.load("after")).contains(after);
            assertThat(store.load("kept")).contains(kept);
            Checkpoint updated = store.save(kept.toBuilder().state(new byte[] {7}).build());
            assertThat(updated.version()).isEqualTo(kept.version() + 1);
            assertThat(store.delete("kept")).isTrue();
            assertThat(store.load("kept")).isEmpty();
            assertThat(store.save(checkpoint("other-exec", "other", 10, 3)).version()).isEqualTo(1);
            assertThat(store.trim("exec", 1)).isGreaterThanOrEqualTo(0);
            assertThat(store.latest("other-exec")).map(Checkpoint::id).contains("other");
        }
    }
}
