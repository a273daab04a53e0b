package io.checkpointkit.langchain4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The scope store over SQLite, single-file layout: every new store opens the same file. */
class SqliteAgenticScopeStoreTest extends AgenticScopeStoreTest {

    @TempDir
    Path directory;

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open("sqlite:" + directory.resolve("checkpoints.db"));
    }
}
