package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void illegalArgumentsFailBeforeAnyIo() {
        Path file = dir.resolve("never.db");
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(file).build()) {
            assertThatThrownBy(() -> store.load("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.load("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.list("x".repeat(513))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.latest(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.trim("e", -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.executions(null, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> store.list("e", null)).isInstanceOf(NullPointerException.class);
            assertThat(store.executions(null, 10).items()).isEmpty();
        }
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().maxOpenFiles(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxOpenFiles");
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().timeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void aCorruptedRowIsReportedByIdAndTheOthersStayReadable(SqliteCheckpointStore.Layout layout) throws Exception {
        Path path = dir.resolve(layout == SqliteCheckpointStore.Layout.SINGLE ? "c.db" : "c");
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(path).layout(layout).build()) {
            store.save(Checkpoint.builder("e").id("good").build());
            store.save(Checkpoint.builder("e").id("bad").putMetadata("k", "v").build());
            store.save(Checkpoint.builder("f").id("other").build());
        }
        Path file = path;
        if (layout == SqliteCheckpointStore.Layout.PER_EXECUTION) {
            file = Files.list(path).filter(p -> p.getFileName().toString().startsWith("e_")).findFirst().orElseThrow();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().executeUpdate("UPDATE checkpoints SET metadata = '{not json' WHERE id = 'bad'");
        }
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(path).layout(layout).build()) {
            assertThatThrownBy(() -> store.load("bad")).isInstanceOf(CheckpointCorruptedException.class)
                    .hasMessageContaining("'bad'")
                    .satisfies(e -> assertThat(((CheckpointCorruptedException) e).checkpointId()).isEqualTo("bad"));
            assertThatThrownBy(() -> store.list("e")).isInstanceOf(CheckpointCorruptedException.class);
            assertThatThrownBy(() -> store.list("e", CheckpointQuery.builder().metadata("k", "v").build()))
                    .isInstanceOf(CheckpointCorruptedException.class);
            assertThat(store.load("good")).isPresent();
            assertThat(store.list("f")).hasSize(1);
            assertThat(store.list("e", CheckpointQuery.builder().before("bad").build()))
                    .extracting(Checkpoint::id).containsExactly("good");
            // the corrupted row can be overwritten or deleted
            assertThat(store.delete("bad")).isTrue();
            assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("good");
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedByPath() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are not the checkpoints you are looking for ".repeat(100));
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().path(file).build())
                .isInstanceOf(CheckpointStoreUnavailableException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not an SQLite database");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aTruncatedDatabaseGivesAClearErrorNamingThePath() throws Exception {
        Path file = dir.resolve("trunc.db");
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(file).build()) {
            for (int i = 0; i < 300; i++) {
                store.save(Checkpoint.builder("e" + (i % 7)).id("c" + i).state(new byte[2000]).build());
            }
        }
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size / 2);
        }
        Throwable failure = catchThrowable(() -> {
            try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(file).build()) {
                for (int i = 0; i < 7; i++) {
                    store.list("e" + i);
                }
                store.executions(null, 100);
            }
        });
        assertThat(failure).isInstanceOf(CheckpointStoreUnavailableException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("corrupted");

        Path tiny = dir.resolve("tiny.db");
        Files.write(tiny, java.util.Arrays.copyOf(Files.readAllBytes(file), 50));
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().path(tiny).build())
                .isInstanceOf(CheckpointStoreUnavailableException.class).hasMessageContaining(tiny.toString());
    }

    @Test
    void anUnwritableLocationIsReportedByPath() throws IOException {
        Path blocker = dir.resolve("plain-file");
        Files.writeString(blocker, "x");
        Path file = blocker.resolve("sub/checkpoints.db");
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().path(file).build())
                .isInstanceOf(CheckpointStoreUnavailableException.class).hasMessageContaining(blocker.toString());
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().directory(blocker).build())
                .isInstanceOf(CheckpointStoreUnavailableException.class).hasMessageContaining(blocker.toString());
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().path(dir).build())
                .isInstanceOf(CheckpointStoreUnavailableException.class).hasMessageContaining(dir.toString());
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void aNewerSchemaIsRefusedWithoutWriting(SqliteCheckpointStore.Layout layout) throws Exception {
        Path path = dir.resolve(layout == SqliteCheckpointStore.Layout.SINGLE ? "n.db" : "n");
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(path).layout(layout).build()) {
            store.save(Checkpoint.builder("e").id("1").build());
        }
        Path file = layout == SqliteCheckpointStore.Layout.SINGLE ? path : path.resolve("index.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().executeUpdate("INSERT INTO schema_version VALUES (99)");
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().path(path).layout(layout).build())
                .isInstanceOf(CheckpointStoreUnavailableException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("schema version 99");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void unknownOrMalformedUriOptionsAreRejected() {
        for (String uri : List.of("sqlite://host/x.db", "sqlite:" + dir + "/x.db?timeout=soon",
                "sqlite:" + dir + "/x.db?foreignKeys=maybe", "sqlite:" + dir + "/x.db?journalMode=memory")) {
            assertThatThrownBy(() -> io.checkpointkit.CheckpointStores.open(uri))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dir.resolve("x.db")).doesNotExist();
    }
}
