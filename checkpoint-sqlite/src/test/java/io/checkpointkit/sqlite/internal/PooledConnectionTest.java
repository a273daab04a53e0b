package io.checkpointkit.sqlite.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PooledConnectionTest {

    @TempDir
    Path dir;

    @Test
    void connectionsDoNotFetchGeneratedKeysAfterEachInsert() throws SQLException {
        Settings settings = new Settings("NORMAL", "WAL", Duration.ofSeconds(5), true, 2, 256, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Clock.systemUTC());
        for (boolean reader : new boolean[] {false, true}) {
            try (PooledConnection c = PooledConnection.open(dir.resolve("k.db"), settings, reader)) {
                SQLiteConnection sqlite = c.connection().unwrap(SQLiteConnection.class);
                // Left on, every INSERT prepares and runs "SELECT last_insert_rowid()" as well.
                assertThat(sqlite.getConnectionConfig().isGetGeneratedKeys()).as("reader: %s", reader).isFalse();
            }
        }
    }
}
