package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.compression.CompressingCheckpointStore;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Both state decorators (compress, then encrypt) around one SQLite file, durability included. */
class CompressedThenEncryptedSqliteTckTest extends CheckpointStoreTck {

    @TempDir
    static Path directory;

    @Override
    protected CheckpointStore newStore() {
        return CompressingCheckpointStore.wrap(TestKeys.encrypting(
                SqliteCheckpointStore.builder().path(directory.resolve("composed.db")).build(), TestKeys.K1, TestKeys.K2),
                CompressedThenEncryptedMemoryTckTest.EVERYTHING);
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return newStore();
    }
}
