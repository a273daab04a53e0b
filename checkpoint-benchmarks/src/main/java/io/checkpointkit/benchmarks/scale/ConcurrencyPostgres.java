package io.checkpointkit.benchmarks.scale;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.postgres.PostgresCheckpointStore;
import io.checkpointkit.spi.StoreUri;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * PostgreSQL: the store with its default pool ({@value PostgresCheckpointStore#DEFAULT_POOL_SIZE}
 * connections) in a schema of its own, and plain JDBC on a HikariCP pool of the same size
 * running the equivalent SQL on the same table: an autocommit {@code INSERT} of the same row,
 * and the indexed {@code SELECT … ORDER BY ts DESC, id DESC LIMIT 1} with every column read;
 * each call borrows a connection and prepares its statement, as the store does (the driver
 * caches the server-side statement). {@code saveFull} writes what a store's save must also keep
 * in one autocommit statement: a data-modifying CTE upserts the execution's write time into the
 * store's {@code checkpoints_writes} table, and the row is upserted with its version
 * ({@code ON CONFLICT (id) DO UPDATE … version + 1}) only while the id belongs to the same
 * execution. The server is found as the tests find it
 * ({@code CHECKPOINT_TEST_POSTGRES_URL}, else {@code postgresql://postgres@127.0.0.1:5432/test});
 * the schema is dropped at the end.
 */
final class ConcurrencyPostgres extends ConcurrencyBackend {

    private static final String COLUMNS = "id, execution_id, parent_id, node_name, state, metadata, ts, version";

    private final String schema = "ckpt_concurrency_" + UUID.randomUUID().toString().replace("-", "");
    private final PostgresCheckpointStore store;
    private final HikariDataSource pool;
    private final String insert;
    private final String latest;
    private final String insertFull;

    ConcurrencyPostgres() {
        String uri = System.getenv().getOrDefault("CHECKPOINT_TEST_POSTGRES_URL",
                "postgresql://postgres@127.0.0.1:5432/test");
        store = PostgresCheckpointStore.builder(uri).schema(schema).table("checkpoints").build();
        StoreUri u = StoreUri.parse(uri, Map.of());
        StoreUri.Host host = u.hosts().get(0);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://" + host.host() + ":" + host.portOr(5432) + u.path());
        u.user().ifPresent(config::setUsername);
        u.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(PostgresCheckpointStore.DEFAULT_POOL_SIZE);
        config.setAutoCommit(true);
        config.setPoolName("concurrency-raw");
        pool = new HikariDataSource(config);
        String table = "\"" + schema + "\".\"checkpoints\"";
        insert = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, NULL, 'plan', ?, ?::jsonb, ?, 1)";
        insertFull = "WITH w AS (INSERT INTO \"" + schema + "\".\"checkpoints_writes\" AS w (execution_id, last_write)"
                + " VALUES (?, now()) ON CONFLICT (execution_id) DO UPDATE SET last_write = EXCLUDED.last_write"
                + " RETURNING 1) INSERT INTO " + table + " AS c (" + COLUMNS + ")"
                + " SELECT ?, ?, NULL, 'plan', ?, ?::jsonb, ?, 1 FROM w ON CONFLICT (id) DO UPDATE"
                + " SET state = EXCLUDED.state, metadata = EXCLUDED.metadata, ts = EXCLUDED.ts, version = c.version + 1"
                + " WHERE c.execution_id = EXCLUDED.execution_id RETURNING version";
        latest = "SELECT " + COLUMNS + " FROM " + table + " WHERE execution_id = ? ORDER BY ts DESC, id DESC LIMIT 1";
    }

    @Override
    CheckpointStore store() {
        return store;
    }

    @Override
    ConcurrencyRaw openRaw() {
        return new ConcurrencyRaw() {
            @Override
            public int save(String executionId, String idPrefix, int rows) throws SQLException {
                try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
                    bindRow(ps, 1, idPrefix, executionId);
                    return ps.executeUpdate();
                }
            }

            @Override
            public long saveFull(String executionId, String id, int rows) throws SQLException {
                try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(insertFull)) {
                    ps.setString(1, executionId); // the write time's row
                    bindRow(ps, 2, id, executionId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("id " + id + " belongs to another execution");
                        }
                        return rs.getLong(1);
                    }
                }
            }

            @Override
            public Object latest(String executionId) throws SQLException {
                try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(latest)) {
                    ps.setString(1, executionId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return ConcurrencyRows.readOne(rs);
                    }
                }
            }

            @Override
            public void close() {
                // The pool is shared by every thread and closed with the backend.
            }
        };
    }

    /**
     * Runs a {@code CHECKPOINT}: a trial writes a few hundred MB of WAL, so without it the
     * server's next checkpoint (due every {@code max_wal_size} of WAL) lands in whichever later
     * trial happens to cross the mark, and with a small {@code shared_buffers} the backends write
     * out the earlier trial's dirty pages themselves. Needs superuser or {@code pg_checkpoint}
     * (PostgreSQL 15); without it the trial goes on and says so.
     */
    @Override
    void settle() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            System.err.println("CHECKPOINT refused, so a server checkpoint may fall inside this trial: "
                    + e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        store.close();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } finally {
            pool.close();
        }
    }

    /**
     * Binds a raw row from parameter {@code first} on, in the order of both raw inserts: id,
     * execution id, state, metadata, time.
     */
    private static void bindRow(PreparedStatement ps, int first, String id, String executionId) throws SQLException {
        ps.setString(first, id);
        ps.setString(first + 1, executionId);
        ps.setBytes(first + 2, STATE);
        ps.setString(first + 3, METADATA_JSON);
        ps.setObject(first + 4, OffsetDateTime.now(ZoneOffset.UTC));
    }
}
