package io.checkpointkit.langgraph4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The saver over SQLite, one file per execution: every new store opens the same directory. */
class SqlitePerExecutionCheckpointKitSaverTest extends CheckpointKitSaverTest {

    @TempDir
    Path directory;

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open("sqlite:" + directory.resolve("threads") + "?layout=per-execution");
    }
}
