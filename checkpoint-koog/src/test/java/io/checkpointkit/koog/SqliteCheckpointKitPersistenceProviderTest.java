package io.checkpointkit.koog;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The provider over SQLite: every new store opens the same file. */
class SqliteCheckpointKitPersistenceProviderTest extends CheckpointKitPersistenceProviderTest {

    @TempDir
    Path directory;

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open("sqlite:" + directory.resolve("koog.db"));
    }
}
