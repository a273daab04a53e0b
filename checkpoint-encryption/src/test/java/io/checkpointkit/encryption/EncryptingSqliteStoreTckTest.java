package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The whole kit through the encrypting decorator around an SQLite file, durability included. All
 * stores of the class open one file (the kit isolates its tests by random ids), so reopening is
 * opening again, with the same ring.
 */
class EncryptingSqliteStoreTckTest extends CheckpointStoreTck {

    @TempDir
    static Path directory;

    @Override
    protected CheckpointStore newStore() {
        return TestKeys.encrypting(SqliteCheckpointStore.builder().path(directory.resolve("encrypted.db")).build(),
                TestKeys.K1, TestKeys.K2);
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return newStore();
    }
}
