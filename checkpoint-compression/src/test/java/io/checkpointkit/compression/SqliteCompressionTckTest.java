package io.checkpointkit.compression;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The whole kit through compression around an SQLite file, durability (reopen) included. */
class SqliteCompressionTckTest extends CheckpointStoreTck {

    @TempDir
    static Path directory;

    private static final AtomicInteger FILES = new AtomicInteger();
    private final Map<CheckpointStore, Path> paths = new ConcurrentHashMap<>();

    @Override
    protected CheckpointStore newStore() {
        return open(directory.resolve("checkpoints-" + FILES.incrementAndGet() + ".db"));
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return open(paths.get(store));
    }

    private CheckpointStore open(Path path) {
        CheckpointStore store = CompressingCheckpointStore.wrap(SqliteCheckpointStore.builder().path(path).build(),
                MemoryCompressionTckTest.EVERYTHING);
        paths.put(store, path);
        return store;
    }
}
