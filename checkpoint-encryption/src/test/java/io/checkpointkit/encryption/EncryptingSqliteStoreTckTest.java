package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole kit through the encrypting decorator around an SQLite file, durability included: the
 * reopened store has the same ring, so states written before the reopen decrypt after it.
 */
class EncryptingSqliteStoreTckTest extends CheckpointStoreTck {

    @TempDir
    static Path directory;

    private static final AtomicInteger FILES = new AtomicInteger();
    private final Map<CheckpointStore, Path> paths = new ConcurrentHashMap<>();

    @Override
    protected CheckpointStore newStore() {
        return open(directory.resolve("encrypted-" + FILES.incrementAndGet() + ".db"));
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return open(paths.get(store));
    }

    private CheckpointStore open(Path path) {
        CheckpointStore store = TestKeys.encrypting(SqliteCheckpointStore.builder().path(path).build(),
                TestKeys.K1, TestKeys.K2);
        paths.put(store, path);
        return store;
    }
}
