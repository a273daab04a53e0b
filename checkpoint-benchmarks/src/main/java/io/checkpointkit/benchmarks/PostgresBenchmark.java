package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.postgres.PostgresCheckpointStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@link PostgresCheckpointStore} beside raw JDBC doing the same I/O on the same table, in one
 * JMH run. Each {@code rawX} is the baseline of {@code x}:
 * <ul>
 *   <li>{@code save} (a 1 KiB state, two metadata entries) vs one prepared autocommit INSERT of
 *       the same bytes on a plain connection;
 *   <li>{@code latest} vs the indexed {@code SELECT … ORDER BY ts DESC, id DESC LIMIT 1};
 *   <li>{@code list} of 50 checkpoints vs the same SELECT read row by row;
 *   <li>{@code trim} keeping 10 of 50 vs {@code rawTrim}, the list-then-delete loop users write
 *       by hand today (one {@code list}, then one {@code delete} per checkpoint to drop).
 * </ul>
 * The database is found as the tests find it: {@code CHECKPOINT_TEST_POSTGRES_URL}, else
 * {@code postgresql://postgres@127.0.0.1:5432/test}. The data lives in its own schema,
 * dropped at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PostgresBenchmark extends SqlStoreBenchmark<PostgresCheckpointStore> {

    static final String SCHEMA = "checkpointkit_bench";
    // Named, not the store's default: the raw statements below must hit the same table.
    static final String TABLE_NAME = "checkpoints";
    static final String TABLE = "\"" + SCHEMA + "\".\"" + TABLE_NAME + "\"";

    private static final String COLUMNS = "id, execution_id, parent_id, node_name, state, metadata, ts, version";

    private Connection raw;
    private PreparedStatement rawInsert;
    private PreparedStatement rawLatest;
    private PreparedStatement rawList;

    /** Opens the store and a plain connection, and fills the listed execution. */
    @Setup(Level.Trial)
    public void open() throws SQLException {
        String uri = System.getenv().getOrDefault("CHECKPOINT_TEST_POSTGRES_URL",
                "postgresql://postgres@127.0.0.1:5432/test");
        store = PostgresCheckpointStore.builder(uri).schema(SCHEMA).table(TABLE_NAME).poolSize(2).build();
        raw = rawConnection(uri);
        rawInsert = raw.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS + ")"
                + " VALUES (?, ?, NULL, ?, ?, ?::jsonb, ?, 1)");
        rawLatest = raw.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE execution_id = ? ORDER BY ts DESC, id DESC LIMIT 1");
        rawList = raw.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE execution_id = ? ORDER BY ts, id");
        for (int i = 0; i < LISTED; i++) {
            store.save(Checkpoint.builder(listedExecution).state(state).metadata(metadata).build());
        }
    }

    /** Drops the benchmark's schema. */
    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try (Statement s = raw.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS \"" + SCHEMA + "\" CASCADE");
        }
        raw.close();
        store.close();
    }

    /** Baseline of {@link #save()}: one prepared autocommit INSERT of the same bytes. */
    @Benchmark
    public int rawSave() throws SQLException {
        bindRawSave(rawInsert);
        rawInsert.setString(5, "{\"node\": \"plan\", \"step\": \"7\"}");
        rawInsert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
        return rawInsert.executeUpdate();
    }

    /** Baseline of {@link #latest()}: the indexed SELECT, every column read. */
    @Benchmark
    public void rawLatest(Blackhole bh) throws SQLException {
        readListedRows(rawLatest, bh);
    }

    /** The store's list of an execution of 50. */
    @Benchmark
    public List<Checkpoint> list() {
        return store.list(listedExecution);
    }

    /** Baseline of {@link #list()}: the same SELECT, every column of every row read. */
    @Benchmark
    public void rawList(Blackhole bh) throws SQLException {
        readListedRows(rawList, bh);
    }

    /** The store's one-statement trim, keeping 10 of 50. */
    @Benchmark
    public int trim(TrimState execution) {
        return store.trim(execution.executionId, KEPT);
    }

    /** Baseline of {@link #trim}: what users write by hand today, list then delete one by one. */
    @Benchmark
    public int rawTrim(TrimState execution) {
        return ListThenDelete.trim(store, execution.executionId, KEPT);
    }

    /**
     * A new execution of 50 checkpoints before every trim, filled in one statement (not
     * measured). A new one each time, so that rows deleted by earlier rounds (dead until
     * vacuum) are not in the range a trim reads: what is measured is trimming 50 to 10.
     */
    @State(Scope.Thread)
    public static class TrimState {
        private final String prefix = "bench-trim-" + UUID.randomUUID() + "-";
        private long round;
        String executionId;
        private PreparedStatement fill;

        /** Prepares the fill. */
        @Setup(Level.Trial)
        public void prepare(PostgresBenchmark benchmark) throws SQLException {
            fill = benchmark.raw.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS + ")"
                    + " SELECT ? || '-' || g, ?, NULL, 'plan', ?, '{\"step\": \"7\"}'::jsonb,"
                    + " ?::timestamptz + g * interval '1 millisecond', 1 FROM generate_series(1, " + LISTED + ") g");
        }

        /** Makes the next execution of 50 checkpoints. */
        @Setup(Level.Invocation)
        public void fill(PostgresBenchmark benchmark) throws SQLException {
            executionId = prefix + round++;
            fill.setString(1, executionId);
            fill.setString(2, executionId);
            fill.setBytes(3, benchmark.state);
            fill.setObject(4, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
            fill.executeUpdate();
        }
    }

    @Override
    void consumeTimestamp(ResultSet rs, int column, Blackhole bh) throws SQLException {
        bh.consume(rs.getObject(column, OffsetDateTime.class));
    }

    static Connection rawConnection(String uri) throws SQLException {
        io.checkpointkit.spi.StoreUri u = io.checkpointkit.spi.StoreUri.parse(uri, Map.of());
        io.checkpointkit.spi.StoreUri.Host host = u.hosts().get(0);
        Properties props = new Properties();
        u.user().ifPresent(user -> props.setProperty("user", user));
        u.password().ifPresent(password -> props.setProperty("password", password));
        return DriverManager.getConnection("jdbc:postgresql://" + host.host() + ":" + host.portOr(5432) + u.path(), props);
    }
}
