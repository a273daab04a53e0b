package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * SQLite: the store (single file, defaults: WAL, {@code synchronous=NORMAL}) on one file, and
 * raw sqlite-jdbc on another file of the same schema and pragmas (made by opening a store on it
 * and closing it). Raw {@code save} of {@code rows > 1} is the batched-insert ceiling of the
 * SQLite README: one connection, {@code BEGIN}, that many prepared INSERTs, {@code COMMIT}.
 * Raw {@code latest} runs on a connection of the thread's own (WAL readers do not block each
 * other). The raw connections keep sqlite-jdbc's defaults, as the README's ceiling did: among
 * them generated keys, which make the driver run {@code SELECT last_insert_rowid()} after each
 * INSERT (the store turns them off); {@code -Dckpt.rawGeneratedKeys=false} (passed to the forks
 * with {@code -jvmArgsAppend}) turns them off on the raw side too. Everything lives in a
 * temporary directory, deleted at the end.
 */
final class ConcurrencySqlite extends ConcurrencyBackend {

    private static final String INSERT = "INSERT INTO checkpoints"
            + " (id, execution_id, parent_id, node_name, state, metadata, ts, version, pinned)"
            + " VALUES (?, ?, NULL, 'plan', ?, ?, ?, 1, 0)";
    private static final String LATEST = "SELECT id, execution_id, parent_id, node_name, state, metadata, ts, version"
            + " FROM checkpoints WHERE execution_id = ? ORDER BY ts DESC, id DESC LIMIT 1";

    private final Path directory;
    private final Path rawFile;
    private final SqliteCheckpointStore store;

    ConcurrencySqlite() throws IOException {
        directory = Files.createTempDirectory("checkpointkit-concurrency");
        store = SqliteCheckpointStore.builder().path(directory.resolve("store.db")).build();
        rawFile = directory.resolve("raw.db");
        SqliteCheckpointStore.builder().path(rawFile).build().close();
    }

    @Override
    CheckpointStore store() {
        return store;
    }

    @Override
    ConcurrencyRaw openRaw() throws SQLException {
        return new Raw(connection(rawFile));
    }

    static Connection connection(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(30_000);
        config.enforceForeignKeys(true);
        config.setGetGeneratedKeys(Boolean.parseBoolean(System.getProperty("ckpt.rawGeneratedKeys", "true")));
        return config.createConnection("jdbc:sqlite:" + file);
    }

    @Override
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static final class Raw implements ConcurrencyRaw {
        private final Connection connection;
        private final PreparedStatement insert;
        private final PreparedStatement latest;
        private final Statement control;

        Raw(Connection connection) throws SQLException {
            this.connection = connection;
            this.insert = connection.prepareStatement(INSERT);
            this.latest = connection.prepareStatement(LATEST);
            this.control = connection.createStatement();
        }

        @Override
        public int save(String executionId, String idPrefix, int rows) throws SQLException {
            if (rows == 1) {
                insert(executionId, idPrefix);
                return 1;
            }
            control.execute("BEGIN IMMEDIATE");
            for (int i = 0; i < rows; i++) {
                insert(executionId, idPrefix + "-" + i);
            }
            control.execute("COMMIT");
            return rows;
        }

        private void insert(String executionId, String id) throws SQLException {
            insert.setString(1, id);
            insert.setString(2, executionId);
            insert.setBytes(3, STATE);
            insert.setString(4, METADATA_JSON);
            insert.setLong(5, nowMicros());
            insert.executeUpdate();
        }

        @Override
        public Object latest(String executionId) throws SQLException {
            latest.setString(1, executionId);
            try (ResultSet rs = latest.executeQuery()) {
                return ConcurrencyRows.readOne(rs);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
