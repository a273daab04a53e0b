package io.checkpointkit.sqlite;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The whole TCK against the per-execution layout, with an open-file bound below the number of executions some tests use, so that files
 * are closed and reopened during the tests.
 */
class SqlitePerExecutionTckTest extends CheckpointStoreTck {

    @TempDir
    static Path dir;

    @Override
    protected CheckpointStore newStore() {
        return SqliteCheckpointStore.builder().directory(dir.resolve("tck")).maxOpenFiles(32).build();
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        SqliteCheckpointStore closed = (SqliteCheckpointStore) store;
        return SqliteCheckpointStore.builder().path(closed.path()).layout(closed.layout()).maxOpenFiles(32).build();
    }
}
