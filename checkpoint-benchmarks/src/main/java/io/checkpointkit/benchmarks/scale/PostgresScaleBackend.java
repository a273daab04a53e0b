package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.MetadataJson;
import io.checkpointkit.postgres.PostgresCheckpointStore;
import io.checkpointkit.spi.StoreUri;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL store in a schema of its own ({@code scale_<random>}, dropped at the end),
 * filled by {@code COPY … FROM STDIN} (CSV) into the store's own tables: the checkpoint table
 * and the table of write times, in one transaction per batch. {@code VACUUM ANALYZE} follows each
 * fill and {@code VACUUM} each round of measurements, as autovacuum would in a live database.
 */
final class PostgresScaleBackend implements ScaleBackend {

    private static final String TABLE = PostgresCheckpointStore.DEFAULT_TABLE;
    private static final HexFormat HEX = HexFormat.of();
    /**
     * System property {@code checkpoint.scale.postgres.prewarm} (default {@code false}): after
     * each fill, read the store's relations into {@code shared_buffers} ({@link #prewarm()}). For
     * a server of one's own whose {@code shared_buffers} hold the data; it creates the
     * {@code pg_prewarm} extension in the run's schema.
     */
    private static final boolean PREWARM = Boolean.getBoolean("checkpoint.scale.postgres.prewarm");

    private final String schema = "scale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final Connection raw;
    private final PostgresCheckpointStore store;

    PostgresScaleBackend(String uri) throws SQLException {
        this.store = PostgresCheckpointStore.builder(uri).schema(schema).poolSize(2).build();
        this.raw = connect(uri);
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public CheckpointStore store() {
        return store;
    }

    @Override
    public String fillMethod() {
        return "COPY (CSV) into the store's checkpoint and write-time tables, one transaction per batch;"
                + " VACUUM ANALYZE after each fill";
    }

    @Override
    public void fill(List<Checkpoint> checkpoints) throws SQLException, IOException {
        StringBuilder rows = new StringBuilder(checkpoints.size() * (2 * checkpoints.get(0).stateSize() + 200));
        StringBuilder writes = new StringBuilder();
        String now = Instant.now().toString();
        String last = null;
        for (Checkpoint cp : checkpoints) {
            csv(rows, cp.id()).append(',');
            csv(rows, cp.executionId()).append(',');
            if (cp.parentId() != null) {
                csv(rows, cp.parentId());
            }
            rows.append(',');
            csv(rows, cp.nodeName()).append(",\\x").append(HEX.formatHex(cp.state())).append(',');
            csv(rows, MetadataJson.write(cp.metadata())).append(',').append(cp.timestamp()).append(",1\n");
            if (!cp.executionId().equals(last)) {
                last = cp.executionId();
                csv(writes, last).append(',').append(now).append('\n');
            }
        }
        CopyManager copy = raw.unwrap(PGConnection.class).getCopyAPI();
        raw.setAutoCommit(false);
        try {
            copy.copyIn("COPY " + table("") + " (id, execution_id, parent_id, node_name, state, metadata, ts, version)"
                    + " FROM STDIN (FORMAT csv)", new StringReader(rows.toString()));
            copy.copyIn("COPY " + table("_writes") + " (execution_id, last_write) FROM STDIN (FORMAT csv)",
                    new StringReader(writes.toString()));
            raw.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            raw.rollback();
            throw e;
        } finally {
            raw.setAutoCommit(true);
        }
    }

    private static StringBuilder csv(StringBuilder sb, String text) {
        return sb.append('"').append(text.replace("\"", "\"\"")).append('"');
    }

    /**
     * {@code VACUUM ANALYZE}, as autovacuum does after a bulk of inserts (PostgreSQL 13 and
     * later). Without it the visibility map is empty and the planner prices index-only scans as
     * heap fetches: {@code executions()} pages of 500 (the sweeper's default) at 10^5 rows then
     * run as a sequential scan and hash aggregate of the whole rest of the table (see the README).
     */
    @Override
    public void afterFill() throws SQLException {
        run("VACUUM ANALYZE " + table("") + ", " + table("_writes"));
        if (PREWARM) {
            prewarm();
        }
    }

    /**
     * Reads the store's tables, then their indexes, into {@code shared_buffers} with
     * {@code pg_prewarm} (created in the run's own schema, so it goes with it). COPY and VACUUM
     * read and write through a small ring of buffers, so without this the first read of each
     * page after a fill comes from the OS cache, however large {@code shared_buffers} is. What
     * does not fit pushes out what was read first; indexes go last so that they stay.
     */
    private void prewarm() throws SQLException {
        run("CREATE EXTENSION IF NOT EXISTS pg_prewarm SCHEMA \"" + schema + "\"");
        run("SELECT \"" + schema + "\".pg_prewarm(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = '" + schema + "' AND c.relkind IN ('r', 'i')"
                + " ORDER BY c.relkind = 'i', c.relname");
    }

    @Override
    public void afterMeasurements() throws SQLException {
        run("VACUUM " + table("") + ", " + table("_writes"));
    }

    /** {@code pg_total_relation_size} (heap, indexes, TOAST, free-space maps) of the store's tables. */
    @Override
    public OptionalLong storedBytes() throws SQLException {
        try (Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c"
                     + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + schema + "'"
                     + " AND c.relkind = 'r'")) {
            rs.next();
            return OptionalLong.of(rs.getLong(1));
        }
    }

    /** Each table's heap, its TOAST and map forks, and each index, by {@code pg_relation_size}. */
    @Override
    public Map<String, Long> bytesByPart() throws SQLException {
        Map<String, Long> parts = new LinkedHashMap<>();
        try (Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT c.relname, c.relkind, pg_relation_size(c.oid),"
                     + " CASE WHEN c.relkind = 'r' THEN pg_table_size(c.oid) - pg_relation_size(c.oid) ELSE 0 END"
                     + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname = '" + schema + "' AND c.relkind IN ('r', 'i')"
                     + " ORDER BY pg_relation_size(c.oid) DESC")) {
            while (rs.next()) {
                String kind = rs.getString(2).equals("r") ? "table " : "index ";
                parts.put(kind + rs.getString(1), rs.getLong(3));
                if (rs.getLong(4) > 0) {
                    parts.put("table " + rs.getString(1) + ": TOAST, free-space and visibility maps", rs.getLong(4));
                }
            }
        }
        return parts;
    }

    @Override
    public String storedBytesMethod() {
        return "pg_total_relation_size of the store's tables (checkpoints, write times, schema version)";
    }

    private String table(String suffix) {
        return '"' + schema + "\".\"" + TABLE + suffix + '"';
    }

    private void run(String sql) throws SQLException {
        try (Statement s = raw.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            store.close();
            run("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        } finally {
            raw.close();
        }
    }

    private static Connection connect(String uri) throws SQLException {
        StoreUri u = StoreUri.parse(uri, Map.of());
        StoreUri.Host host = u.hosts().get(0);
        Properties props = new Properties();
        u.user().ifPresent(user -> props.setProperty("user", user));
        u.password().ifPresent(password -> props.setProperty("password", password));
        return DriverManager.getConnection("jdbc:postgresql://" + host.host() + ":" + host.portOr(5432) + u.path(), props);
    }
}
