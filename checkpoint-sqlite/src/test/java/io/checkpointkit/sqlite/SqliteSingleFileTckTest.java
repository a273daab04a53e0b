package io.checkpointkit.sqlite;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The whole TCK against the single-file layout; every test's store shares one file. */
class SqliteSingleFileTckTest extends CheckpointStoreTck {

    @TempDir
    static Path dir;

    @Override
    protected CheckpointStore newStore() {
        return SqliteCheckpointStore.builder().path(dir.resolve("tck.db")).build();
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        SqliteCheckpointStore closed = (SqliteCheckpointStore) store;
        return SqliteCheckpointStore.builder().path(closed.path()).layout(closed.layout()).build();
    }
}
