package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.sqlite.internal.Database;
import io.checkpointkit.sqlite.internal.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code cacheSize} and {@code mmapSize}: they reach the connections, and bad values fail before any I/O. */
class MemoryOptionsTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultCacheSizeReachesTheConnections() throws Exception {
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(dir.resolve("d.db")).build()) {
            store.save(Checkpoint.builder("e").build());
            assertThat(readerPragma(store, "cache_size")).isEqualTo(-(SqliteCheckpointStore.DEFAULT_CACHE_SIZE >> 10));
            assertThat(readerPragma(store, "mmap_size")).isEqualTo(SqliteCheckpointStore.DEFAULT_MMAP_SIZE);
        }
    }

    @Test
    void builderValuesReachTheConnectionsInWholeKiB() throws Exception {
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(dir.resolve("b.db"))
                .cacheSize((48L << 20) + 1).mmapSize(256L << 20).build()) {
            store.save(Checkpoint.builder("e").build());
            assertThat(readerPragma(store, "cache_size")).isEqualTo(-((48L << 10) + 1));
            assertThat(readerPragma(store, "mmap_size")).isEqualTo(256L << 20);
        }
    }

    @Test
    void uriSizesWithUnitsReachTheConnections() throws Exception {
        try (CheckpointStore store = CheckpointStores.open("sqlite:" + dir.resolve("u.db")
                + "?cacheSize=48MiB&mmapSize=1g")) {
            store.save(Checkpoint.builder("e").build());
            assertThat(readerPragma((SqliteCheckpointStore) store, "cache_size")).isEqualTo(-(48L << 10));
            assertThat(readerPragma((SqliteCheckpointStore) store, "mmap_size")).isEqualTo(1L << 30);
        }
        try (CheckpointStore store = CheckpointStores.open("sqlite:" + dir.resolve("v.db") + "?cacheSize=65536")) {
            assertThat(readerPragma((SqliteCheckpointStore) store, "cache_size")).isEqualTo(-64);
        }
    }

    @Test
    void thePerExecutionLayoutsIndexGetsThemToo() throws Exception {
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().directory(dir.resolve("p"))
                .cacheSize(8L << 20).mmapSize(64L << 20).build()) {
            store.save(Checkpoint.builder("e").build());
            assertThat(readerPragma(store, "cache_size")).isEqualTo(-(8L << 10));
            assertThat(readerPragma(store, "mmap_size")).isEqualTo(64L << 20);
        }
    }

    @Test
    void badSizesAreRejectedByNameBeforeAnyIo() {
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().cacheSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheSize");
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().cacheSize((64L << 10) - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheSize");
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().cacheSize((1L << 40) + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheSize");
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().mmapSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mmapSize");
        assertThatThrownBy(() -> SqliteCheckpointStore.builder().mmapSize((1L << 40) + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mmapSize");
        for (String query : List.of("cacheSize=lots", "cacheSize=64XB", "cacheSize=-1", "cacheSize=2TiB",
                "cacheSize=1k", "cacheSize=", "cacheSize=99999999999999999999", "mmapSize=1.5g", "mmapSize=-4096")) {
            String option = query.substring(0, query.indexOf('='));
            assertThatThrownBy(() -> CheckpointStores.open("sqlite:" + dir.resolve("x.db") + "?" + query))
                    .as(query).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(option);
        }
        assertThat(dir.resolve("x.db")).doesNotExist();
    }

    /** A PRAGMA as a reader connection of the store's (single) or index (per-execution) database sees it. */
    private static long readerPragma(SqliteCheckpointStore store, String name) throws Exception {
        Engine engine = (Engine) field(store, Engine.class);
        Database db = (Database) field(engine, Database.class);
        return db.read(c -> {
            try (Statement st = c.connection().createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Object field(Object owner, Class<?> type) throws IllegalAccessException {
        for (Field f : owner.getClass().getDeclaredFields()) {
            if (type.isAssignableFrom(f.getType())) {
                f.setAccessible(true);
                return f.get(owner);
            }
        }
        throw new AssertionError(owner.getClass() + " has no field of type " + type);
    }
}
