package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.sqlite.SQLiteConfig;

/**
 * {@link SqliteCheckpointStore} (single-file layout, defaults: WAL, {@code synchronous=NORMAL})
 * beside raw sqlite-jdbc doing the same I/O with the same pragmas on a file of the same schema,
 * in one JMH run. Each {@code rawX} is the baseline of {@code x}; throughput, so a ratio of 1
 * means as fast as raw:
 * <ul>
 *   <li>{@code save} (1 KiB state, two metadata entries) vs one prepared autocommit INSERT of
 *       the same row;
 *   <li>{@code saveEightThreads}: 8 threads saving at once (group commit) vs
 *       {@code rawSaveEightThreads}, which is the same single-threaded raw INSERT loop: the
 *       ratio is the store's 8-thread rate over the raw single-thread rate (target 4);
 *   <li>{@code latest} of an execution of 50 vs the indexed
 *       {@code SELECT … ORDER BY ts DESC, id DESC LIMIT 1}, every column read;
 *   <li>{@code trim} of an execution of 50 keeping 10 vs the same single DELETE statement run
 *       raw.
 * </ul>
 * The files live in a temporary directory, deleted at the end. {@code synchronous} is a JMH
 * parameter ({@code -p synchronous=FULL}) applied to both sides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SqliteBenchmark extends SqlStoreBenchmark<SqliteCheckpointStore> {

    private static final String INSERT = "INSERT INTO checkpoints"
            + " (id, execution_id, parent_id, node_name, state, metadata, ts, version, pinned)"
            + " VALUES (?, ?, NULL, ?, ?, ?, ?, 1, 0)";
    private static final String LATEST = "SELECT id, execution_id, parent_id, node_name, state, metadata, ts, version"
            + " FROM checkpoints WHERE execution_id = ? ORDER BY ts DESC, id DESC LIMIT 1";
    private static final String TRIM = "DELETE FROM checkpoints WHERE execution_id = ? AND pinned = 0"
            + " AND id NOT IN (SELECT id FROM checkpoints WHERE execution_id = ? AND pinned = 0"
            + " ORDER BY ts DESC, id DESC LIMIT ?)";
    // Fills an execution with 50 rows in one statement (setup of each trim, not measured).
    private static final String REFILL = "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < "
            + LISTED + ") INSERT INTO checkpoints (id, execution_id, parent_id, node_name, state, metadata, ts,"
            + " version, pinned) SELECT ? || '-' || n, ?, NULL, 'plan', ?, '{\"step\":\"7\"}', ? + n, 1, 0 FROM g";

    /** {@code PRAGMA synchronous} of both the store and the raw connection. */
    @Param({"NORMAL"})
    public String synchronous;

    private Path directory;
    private Connection raw;
    private Connection rawOnStoreFile;
    private PreparedStatement rawInsert;
    private PreparedStatement rawLatest;

    /** Opens the store on one file and raw sqlite-jdbc on another of the same schema and pragmas. */
    @Setup(Level.Trial)
    public void open() throws Exception {
        directory = Files.createTempDirectory("sqlite-bench");
        store = SqliteCheckpointStore.builder().path(directory.resolve("store.db"))
                .synchronous(SqliteCheckpointStore.Synchronous.valueOf(synchronous)).build();
        Path rawFile = directory.resolve("raw.db");
        SqliteCheckpointStore.builder().path(rawFile).build().close(); // same schema and index
        raw = rawConnection(rawFile, synchronous);
        rawOnStoreFile = rawConnection(directory.resolve("store.db"), synchronous);
        rawInsert = raw.prepareStatement(INSERT);
        rawLatest = raw.prepareStatement(LATEST);
        for (int i = 0; i < LISTED; i++) {
            Checkpoint cp = Checkpoint.builder(listedExecution).state(state).metadata(metadata).build();
            store.save(cp);
            rawInsert.setString(1, cp.id());
            rawInsert.setString(2, listedExecution);
            rawInsert.setString(3, "");
            rawInsert.setBytes(4, state);
            rawInsert.setString(5, "{\"node\":\"plan\",\"step\":\"7\"}");
            rawInsert.setLong(6, micros(cp.timestamp()));
            rawInsert.executeUpdate();
        }
    }

    static Connection rawConnection(Path file, String synchronous) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(synchronous));
        config.setBusyTimeout(5000);
        config.enforceForeignKeys(true);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /** Closes everything and deletes the files. */
    @TearDown(Level.Trial)
    public void close() throws SQLException, IOException {
        raw.close();
        rawOnStoreFile.close();
        store.close();
        TempDirectories.delete(directory);
    }

    /** Baseline of {@link #save()}: one prepared autocommit INSERT of the same row. */
    @Benchmark
    public int rawSave() throws SQLException {
        return rawInsertOne();
    }

    /** The store's save from 8 threads at once: the writer commits them in groups. */
    @Benchmark
    @Threads(8)
    public Checkpoint saveEightThreads() {
        return save();
    }

    /**
     * Baseline of {@link #saveEightThreads()}: the raw single-thread INSERT loop of
     * {@link #rawSave()} (a raw connection cannot be shared by 8 threads).
     */
    @Benchmark
    @Threads(1)
    public int rawSaveEightThreads() throws SQLException {
        return rawInsertOne();
    }

    private int rawInsertOne() throws SQLException {
        bindRawSave(rawInsert);
        rawInsert.setString(5, "{\"node\":\"plan\",\"step\":\"7\"}");
        rawInsert.setLong(6, micros(Instant.now()));
        return rawInsert.executeUpdate();
    }

    /** Baseline of {@link #latest()}: the indexed SELECT, every column read. */
    @Benchmark
    public void rawLatest(Blackhole bh) throws SQLException {
        readListedRows(rawLatest, bh);
    }

    @Override
    void consumeTimestamp(ResultSet rs, int column, Blackhole bh) throws SQLException {
        bh.consume(rs.getLong(column));
    }

    /** The store's one-statement trim of an execution of 50, keeping 10. */
    @Benchmark
    public int trim(TrimState execution) {
        return store.trim(execution.storeExecution, KEPT);
    }

    /** Baseline of {@link #trim}: the same DELETE statement run raw. */
    @Benchmark
    public int rawTrim(TrimState execution) throws SQLException {
        execution.rawTrim.setString(1, execution.rawExecution);
        execution.rawTrim.setString(2, execution.rawExecution);
        execution.rawTrim.setInt(3, KEPT);
        return execution.rawTrim.executeUpdate();
    }

    /** An execution of 50 checkpoints in each file, refilled before every trim. */
    @State(Scope.Thread)
    public static class TrimState {
        final String storeExecution = "bench-trim-" + UUID.randomUUID();
        final String rawExecution = "bench-trim-raw-" + UUID.randomUUID();
        PreparedStatement rawTrim;
        private PreparedStatement refillStore;
        private PreparedStatement refillRaw;
        private PreparedStatement emptyStore;
        private PreparedStatement emptyRaw;

        /** Prepares the statements. */
        @Setup(Level.Trial)
        public void prepare(SqliteBenchmark benchmark) throws SQLException {
            rawTrim = benchmark.raw.prepareStatement(TRIM);
            refillStore = benchmark.rawOnStoreFile.prepareStatement(REFILL);
            refillRaw = benchmark.raw.prepareStatement(REFILL);
            emptyStore = benchmark.rawOnStoreFile.prepareStatement("DELETE FROM checkpoints WHERE execution_id = ?");
            emptyRaw = benchmark.raw.prepareStatement("DELETE FROM checkpoints WHERE execution_id = ?");
        }

        /** Empties both executions and puts 50 checkpoints in each. */
        @Setup(Level.Invocation)
        public void refill(SqliteBenchmark benchmark) throws SQLException {
            fill(emptyStore, refillStore, storeExecution, benchmark.state);
            fill(emptyRaw, refillRaw, rawExecution, benchmark.state);
        }

        private static void fill(PreparedStatement empty, PreparedStatement refill, String executionId, byte[] state)
                throws SQLException {
            empty.setString(1, executionId);
            empty.executeUpdate();
            refill.setString(1, executionId + "-" + UUID.randomUUID());
            refill.setString(2, executionId);
            refill.setBytes(3, state);
            refill.setLong(4, micros(Instant.now()));
            refill.executeUpdate();
        }
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
