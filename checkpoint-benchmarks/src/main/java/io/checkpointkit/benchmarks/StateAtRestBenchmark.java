package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.compression.CompressingCheckpointStore;
import io.checkpointkit.compression.CompressionConfig;
import io.checkpointkit.encryption.EncryptingCheckpointStore;
import io.checkpointkit.encryption.EncryptionConfig;
import io.checkpointkit.encryption.EncryptionKey;
import io.checkpointkit.encryption.KeyProviders;
import io.checkpointkit.encryption.KeyRing;
import io.checkpointkit.postgres.PostgresCheckpointStore;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The figure of issue 19: save and load latency, and stored bytes, of a realistic agent state
 * ({@link AgentStateJson}: 1 KiB, 64 KiB, 1 MiB of a chat history with tool calls) stored
 * {@code none} (the plain store, the baseline), through {@code compression}
 * ({@link CompressingCheckpointStore}, defaults: zstd level 3 above 1 KiB), through
 * {@code encryption} ({@link EncryptingCheckpointStore}, AES-256-GCM) and through {@code both}
 * (compress outside, encrypt inside: the only order that saves bytes), on SQLite (a fresh file,
 * defaults) and PostgreSQL (a schema of its own, dropped at the end; the database is found as the
 * tests find it: {@code CHECKPOINT_TEST_POSTGRES_URL}, else
 * {@code postgresql://postgres@127.0.0.1:5432/test}).
 * <ul>
 *   <li>{@code save}: a blind overwrite (upsert, version 0) of one of 16 checkpoints of one
 *       execution with a state that differs from the one stored (two states of the same size
 *       take turns, as an agent's state changes between saves): the decorators' work plus one
 *       write. Overwriting a row with the very bytes it holds would let SQLite skip writing its
 *       unchanged pages, a saving that a real save, and any encrypted save, never gets;
 *   <li>{@code load}: a load by id of one of them: one read plus the decorators' work.
 * </ul>
 * Stored bytes are not a time: every trial prints, at setup, the length of the state the backend
 * holds, read through the undecorated store; {@link #main} prints the whole table of stored
 * bytes (deterministic, no JMH run needed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StateAtRestBenchmark {

    /** The variants, {@code none} first (the baseline). */
    static final String[] VARIANTS = {"none", "compression", "encryption", "both"};
    /** The state sizes. */
    static final int[] SIZES = {1024, 64 * 1024, 1024 * 1024};

    private static final int IDS = 16;
    private static final long SEED = 42;

    /** The state size in bytes. */
    @Param({"1024", "65536", "1048576"})
    public int stateBytes;

    /** {@code none}, {@code compression}, {@code encryption} or {@code both}. */
    @Param({"none", "compression", "encryption", "both"})
    public String variant;

    /**
     * {@code sqlite} or {@code postgresql}; {@code -p backend=memory} (not in the default run)
     * puts the decorators over the memory store: their own cost, without I/O.
     */
    @Param({"sqlite", "postgresql"})
    public String backend;

    private Backend opened;
    private CheckpointStore store;
    /** {@code checkpoints[generation][id]}: two states per id, saved in turn. */
    private Checkpoint[][] checkpoints;
    private int next;
    private int saves;

    /** Opens the backend, wraps it, saves every checkpoint once and prints the stored bytes. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        opened = Backend.open(backend);
        store = wrap(opened.store(), variant);
        checkpoints = new Checkpoint[2][IDS];
        for (int generation = 0; generation < 2; generation++) {
            byte[] state = AgentStateJson.of(stateBytes, SEED + generation);
            for (int i = 0; i < IDS; i++) {
                checkpoints[generation][i] = Checkpoint.builder("at-rest").id("cp-" + i).nodeName("agent")
                        .state(state).putMetadata("step", Integer.toString(i)).build();
            }
        }
        for (Checkpoint checkpoint : checkpoints[1]) {
            store.save(checkpoint);
        }
        System.out.printf(Locale.ROOT, "%n# %s, %s, %d-byte state: %d bytes stored%n", backend, variant, stateBytes,
                storedBytes(opened.store(), checkpoints[1][0].id()));
    }

    /** Closes the store and removes what it wrote (the file, or the schema). */
    @TearDown(Level.Trial)
    public void close() throws IOException, SQLException {
        store.close();
        opened.remove();
    }

    /** A blind overwrite of one checkpoint: the decorators' work and one write. */
    @Benchmark
    public Checkpoint save() {
        int generation = (saves / IDS) % 2;
        Checkpoint checkpoint = checkpoints[generation][saves % IDS];
        saves = (saves + 1) % (2 * IDS);
        return store.save(checkpoint);
    }

    /** A load by id of one checkpoint: one read and the decorators' work. */
    @Benchmark
    public Optional<Checkpoint> load() {
        next = (next + 1) % IDS;
        return store.load(checkpoints[0][next].id());
    }

    /**
     * {@code plain} through the decorators of {@code variant}. The encryption key is new on every
     * call (the benchmark never reads across trials).
     */
    static CheckpointStore wrap(CheckpointStore plain, String variant) {
        return switch (variant) {
            case "none" -> plain;
            case "compression" -> CompressingCheckpointStore.wrap(plain, CompressionConfig.defaults());
            case "encryption" -> EncryptingCheckpointStore.wrap(plain, encryption());
            case "both" -> CompressingCheckpointStore.wrap(
                    EncryptingCheckpointStore.wrap(plain, encryption()), CompressionConfig.defaults());
            default -> throw new IllegalArgumentException(
                    "variant must be none, compression, encryption or both, was '" + variant + "'");
        };
    }

    private static EncryptionConfig encryption() {
        return EncryptionConfig.builder()
                .keyProvider(KeyProviders.fixed(KeyRing.of(EncryptionKey.generate("bench-1")))).build();
    }

    /** The length of the state the backend holds, read through the undecorated store. */
    static int storedBytes(CheckpointStore undecorated, String checkpointId) {
        return undecorated.load(checkpointId).orElseThrow().state().length;
    }

    /**
     * Prints, as a markdown table, the bytes the backend holds for each state size and variant
     * (saved through the decorators into a temporary SQLite file, read back through the
     * undecorated store), with the reduction against {@code none}. Deterministic: the random
     * nonce does not change a length.
     *
     * @param args none
     * @throws IOException if the temporary file cannot be made or removed
     * @throws SQLException never (SQLite only)
     */
    public static void main(String[] args) throws IOException, SQLException {
        System.out.println("| state | " + String.join(" | ", VARIANTS) + " |");
        System.out.println("|---|" + "---|".repeat(VARIANTS.length));
        for (int size : SIZES) {
            StringBuilder row = new StringBuilder("| " + size + " B |");
            byte[] state = AgentStateJson.of(size, SEED);
            for (String variant : VARIANTS) {
                Backend sqlite = Backend.open("sqlite");
                try (CheckpointStore store = wrap(sqlite.store(), variant)) {
                    store.save(Checkpoint.builder("at-rest").id("cp-0").state(state).build());
                    int stored = storedBytes(sqlite.store(), "cp-0");
                    row.append(String.format(Locale.ROOT, " %d B (%.2f×) |", stored, (double) size / stored));
                } finally {
                    sqlite.remove();
                }
            }
            System.out.println(row);
        }
    }

    /**
     * An undecorated backend and how to remove what it wrote: its SQLite directory, or its
     * PostgreSQL URI and schema (null when it has none).
     */
    private record Backend(CheckpointStore store, Path directory, String postgresUri, String schema) {

        static Backend open(String name) throws IOException {
            switch (name) {
                case "sqlite" -> {
                    Path directory = Files.createTempDirectory("checkpointkit-at-rest-bench");
                    return new Backend(SqliteCheckpointStore.builder().path(directory.resolve("checkpoints.db")).build(),
                            directory, null, null);
                }
                case "postgresql" -> {
                    String uri = System.getenv().getOrDefault("CHECKPOINT_TEST_POSTGRES_URL",
                            "postgresql://postgres@127.0.0.1:5432/test");
                    String schema = "checkpointkit_at_rest_" + UUID.randomUUID().toString().replace("-", "");
                    return new Backend(PostgresCheckpointStore.builder(uri).schema(schema).poolSize(2).build(),
                            null, uri, schema);
                }
                case "memory" -> {
                    return new Backend(io.checkpointkit.memory.MemoryCheckpointStore.create(), null, null, null);
                }
                default -> throw new IllegalArgumentException(
                        "backend must be sqlite, postgresql or memory, was '" + name + "'");
            }
        }

        /** Closes the undecorated store (again: closing twice is allowed) and removes its data. */
        void remove() throws IOException, SQLException {
            store.close();
            if (directory != null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            if (schema != null) {
                try (Connection raw = PostgresBenchmark.rawConnection(postgresUri);
                     Statement s = raw.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
                }
            }
        }
    }
}
