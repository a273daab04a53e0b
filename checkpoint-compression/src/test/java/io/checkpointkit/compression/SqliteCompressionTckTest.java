package io.checkpointkit.compression;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The whole kit through compression around an SQLite file, durability (reopen) included. All
 * stores of the class open one file (the kit isolates its tests by random ids), so reopening is
 * opening again.
 */
class SqliteCompressionTckTest extends CheckpointStoreTck {

    @TempDir
    static Path directory;

    @Override
    protected CheckpointStore newStore() {
        return CompressingCheckpointStore.wrap(
                SqliteCheckpointStore.builder().path(directory.resolve("compressed.db")).build(),
                MemoryCompressionTckTest.EVERYTHING);
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return newStore();
    }
}
