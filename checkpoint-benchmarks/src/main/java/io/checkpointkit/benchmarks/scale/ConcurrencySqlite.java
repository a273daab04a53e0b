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
 * with {@code -jvmArgsAppend}) turns them off on the raw side too. {@code saveFull} is the
 * same ceiling writing the rows of a store save: its upsert ({@link #UPSERT}, copied from
 * {@code CheckpointRows}) and its write-time upsert ({@link #TOUCH}, from
 * {@code ExecutionWrites}), an execution per row; it leaves out the store's savepoint per save,
 * which writes no row. Everything lives in a
 * temporary directory, deleted at the end.
 */
final class ConcurrencySqlite extends ConcurrencyBackend {

    private static final String INSERT = "INSERT INTO checkpoints"
            + " (id, execution_id, parent_id, node_name, state, metadata, ts, version, pinned)"
            + " VALUES (?, ?, NULL, 'plan', ?, ?, ?, 1, 0)";
    // The statements of a store save (CheckpointRows.UPSERT and ExecutionWrites.TOUCH, which
    // are private to checkpoint-sqlite): keep them in step.
    static final String UPSERT = "INSERT INTO checkpoints"
            + " (id, execution_id, parent_id, node_name, state, metadata, ts, version, pinned)"
            + " VALUES (?, ?, NULL, 'plan', ?, ?, ?, 1, 0)"
            + " ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, node_name = excluded.node_name,"
            + " state = excluded.state, metadata = excluded.metadata, ts = excluded.ts,"
            + " version = checkpoints.version + 1, pinned = excluded.pinned"
            + " WHERE checkpoints.execution_id = excluded.execution_id"
            + " RETURNING version";
    static final String TOUCH = "INSERT INTO execution_writes (execution_id, last_write) VALUES (?, ?)"
            + " ON CONFLICT (execution_id) DO UPDATE SET last_write = max(last_write, excluded.last_write)";
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
        private final PreparedStatement upsert;
        private final PreparedStatement touch;
        private final Statement control;

        Raw(Connection connection) throws SQLException {
            this.connection = connection;
            this.insert = connection.prepareStatement(INSERT);
            this.latest = connection.prepareStatement(LATEST);
            this.upsert = connection.prepareStatement(UPSERT);
            this.touch = connection.prepareStatement(TOUCH);
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

        @Override
        public long saveFull(String executionId, String id, int rows) throws SQLException {
            control.execute("BEGIN IMMEDIATE");
            for (int i = 0; i < rows; i++) {
                String execution = executionId + "-" + i;
                upsert.setString(1, execution + "-" + id);
                upsert.setString(2, execution);
                upsert.setBytes(3, STATE);
                upsert.setString(4, METADATA_JSON);
                upsert.setLong(5, nowMicros());
                try (ResultSet rs = upsert.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the upsert of " + execution + "-" + id + " returned no version");
                    }
                }
                touch.setString(1, execution);
                touch.setLong(2, System.currentTimeMillis());
                touch.executeUpdate();
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
