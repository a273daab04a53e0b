package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.sqlite.internal.FileNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void aCorruptPageFailsOnlyTheLoadsOfItsRowsByIdAndTheSameStoreReadsEveryOtherRow(
            SqliteCheckpointStore.Layout layout) throws Exception {
        int rows = 300;
        try (SqliteCheckpointStore store = open(dir, layout)) {
            for (int i = 0; i < rows; i++) {
                store.save(checkpoint("exec", id(i), 500, i));
            }
        } // the last close checkpoints the WAL into the database file
        corruptOnePage(executionFile(layout));

        Set<String> readable = new HashSet<>();
        Set<String> corrupted = new HashSet<>();
        try (SqliteCheckpointStore store = open(dir, layout)) {
            for (int i = 0; i < rows; i++) {
                try {
                    Optional<Checkpoint> loaded = store.load(id(i));
                    assertThat(loaded).as(id(i)).isPresent();
                    assertThat(loaded.get().state()).isEqualTo(checkpoint("exec", id(i), 500, i).state());
                    readable.add(id(i));
                } catch (CheckpointCorruptedException e) {
                    assertThat(e.checkpointId()).isEqualTo(id(i));
                    assertThat(e).hasMessageContaining(id(i));
                    corrupted.add(id(i));
                }
            }
            // Healthy rows that come after the bad ones are read through the same store.
            for (String again : readable) {
                assertThat(store.load(again)).as(again).isPresent();
            }
        }
        assertThat(corrupted).as("some load touched the corrupt page").isNotEmpty();
        assertThat(readable).as("most rows are on healthy pages").hasSizeGreaterThan(rows / 2);
        Set<String> readableWhenReopened = new HashSet<>();
        try (SqliteCheckpointStore fresh = open(dir, layout)) {
            for (int i = 0; i < rows; i++) {
                try {
                    fresh.load(id(i)).ifPresent(c -> readableWhenReopened.add(c.id()));
                } catch (CheckpointCorruptedException e) {
                    // the same rows as above
                }
            }
        }
        assertThat(readable).as("the store read every row that a fresh store reads").isEqualTo(readableWhenReopened);
    }

    private static String id(int i) {
        return String.format("cp-%03d", i);
    }

    private Path executionFile(SqliteCheckpointStore.Layout layout) throws IOException {
        if (layout == SqliteCheckpointStore.Layout.SINGLE) {
            return dir.resolve("store.db");
        }
        try (Stream<Path> files = Files.list(dir.resolve("store"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".db")).findFirst().orElseThrow();
        }
    }

    /** Overwrites the page in the middle of the file with garbage. */
    static void corruptOnePage(Path file) throws IOException {
        int pageSize = 4096;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            long pages = ch.size() / pageSize;
            assertThat(pages).as("pages of " + file).isGreaterThan(8);
            byte[] garbage = new byte[pageSize];
            Arrays.fill(garbage, (byte) 0x5a);
            ch.write(ByteBuffer.wrap(garbage), (pages / 2) * pageSize);
            ch.force(true);
        }
    }

    @Test
    void inThePerExecutionLayoutAFullDiskUnderOneExecutionFailsNoSaveOfAnother() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(dir.resolve("fs"), "1m")) {
            Path directory = dir.resolve("store");
            Files.createDirectories(directory);
            // The file of one execution lives on the small file system (SQLite puts its WAL
            // beside the target of the link).
            Files.createSymbolicLink(directory.resolve(FileNames.forExecution("on-full-disk")),
                    fs.path().resolve("full.db"));
            try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(directory).build()) {
                store.save(checkpoint("on-full-disk", "first", 10, 0));
                fs.fill();
                AtomicInteger failedOnFullDisk = new AtomicInteger();
                List<String> failedOnFullDiskIds = java.util.Collections.synchronizedList(new ArrayList<>());
                ExecutorService threads = Executors.newFixedThreadPool(8);
                List<Future<?>> healthy = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    Future<?> f = threads.submit(() -> {
                        for (int n = 0; n < 150; n++) {
                            String id = "t" + thread + "-" + n;
                            if (thread % 2 == 0) {
                                // Healthy: must never fail, whatever shares its batch.
                                store.save(checkpoint("healthy-" + thread, id, 200, n));
                            } else {
                                try {
                                    store.save(checkpoint("on-full-disk", id, 64 * 1024, n));
                                } catch (CheckpointStoreUnavailableException e) {
                                    failedOnFullDisk.incrementAndGet();
                                    failedOnFullDiskIds.add(id);
                                }
                            }
                        }
                        return null;
                    });
                    if (thread % 2 == 0) {
                        healthy.add(f);
                    }
                }
                threads.shutdown();
                assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                for (Future<?> f : healthy) {
                    f.get(); // throws if a healthy save failed
                }
                assertThat(failedOnFullDisk.get()).as("saves on the full disk failed").isPositive();
                for (String id : failedOnFullDiskIds) {
                    assertThat(store.load(id)).as(id).isEmpty();
                }
                for (int t = 0; t < 8; t += 2) {
                    assertThat(store.list("healthy-" + t)).hasSize(150);
                }
            }
        }
    }
}
