package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.encryption.EncryptingCheckpointStore;
import io.checkpointkit.encryption.EncryptionConfig;
import io.checkpointkit.encryption.EncryptionKey;
import io.checkpointkit.encryption.KeyProviders;
import io.checkpointkit.encryption.KeyRing;
import io.checkpointkit.memory.MemoryCheckpointStore;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link EncryptingCheckpointStore} (AES-256-GCM) around SQLite beside the same SQLite store
 * without it, in one JMH run, at states of 1 KiB and 100 KiB of agent-like JSON (a chat history
 * with tool calls). {@code rawSave} / {@code rawLoad} are the plain store: the baseline of
 * {@code save} / {@code load}, so the ratio column is the cost of encryption (1.0 = free).
 * <ul>
 *   <li>{@code save}: an unconditional save (upsert) of one of 64 ids of one execution, so the
 *       file stays the same size;
 *   <li>{@code load}: {@code load} by id of a stored checkpoint (decrypting it on the encrypted
 *       side);
 *   <li>{@code memorySave}, {@code memoryLoad} (baselines {@code rawMemorySave},
 *       {@code rawMemoryLoad}): the same around the memory store, where no I/O hides the
 *       cipher: the CPU cost of encryption alone.
 * </ul>
 * Two files in a temporary directory, deleted at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EncryptionBenchmark {

    private static final int IDS = 64;

    /** The state size in bytes. */
    @Param({"1024", "102400"})
    public int stateBytes;

    private Path directory;
    private CheckpointStore plain;
    private CheckpointStore encrypted;
    private CheckpointStore plainMemory;
    private CheckpointStore encryptedMemory;
    private Checkpoint[] checkpoints;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("encryption-bench");
        plain = SqliteCheckpointStore.builder().path(directory.resolve("plain.db")).build();
        EncryptionConfig config = EncryptionConfig.builder().keyProvider(KeyProviders.fixed(KeyRing.of(
                EncryptionKey.generate("bench-1"), EncryptionKey.generate("bench-2")))).build();
        encrypted = EncryptingCheckpointStore.wrap(
                SqliteCheckpointStore.builder().path(directory.resolve("encrypted.db")).build(), config);
        plainMemory = MemoryCheckpointStore.create();
        encryptedMemory = EncryptingCheckpointStore.wrap(MemoryCheckpointStore.create(), config);
        byte[] state = chatHistory(stateBytes);
        checkpoints = new Checkpoint[IDS];
        for (int i = 0; i < IDS; i++) {
            checkpoints[i] = Checkpoint.builder("bench").id("cp-" + i).nodeName("agent").state(state).build();
            plain.save(checkpoints[i]);
            encrypted.save(checkpoints[i]);
            plainMemory.save(checkpoints[i]);
            encryptedMemory.save(checkpoints[i]);
        }
    }

    @Benchmark
    public Checkpoint save() {
        return encrypted.save(nextCheckpoint());
    }

    @Benchmark
    public Checkpoint rawSave() {
        return plain.save(nextCheckpoint());
    }

    @Benchmark
    public Object load() {
        return encrypted.load(nextCheckpoint().id());
    }

    @Benchmark
    public Object rawLoad() {
        return plain.load(nextCheckpoint().id());
    }

    @Benchmark
    public Checkpoint memorySave() {
        return encryptedMemory.save(nextCheckpoint());
    }

    @Benchmark
    public Checkpoint rawMemorySave() {
        return plainMemory.save(nextCheckpoint());
    }

    @Benchmark
    public Object memoryLoad() {
        return encryptedMemory.load(nextCheckpoint().id());
    }

    @Benchmark
    public Object rawMemoryLoad() {
        return plainMemory.load(nextCheckpoint().id());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        plain.close();
        encrypted.close();
        plainMemory.close();
        encryptedMemory.close();
        for (String name : List.of("plain.db", "encrypted.db")) {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(directory.resolve(name + suffix));
            }
        }
        Files.deleteIfExists(directory);
    }

    private Checkpoint nextCheckpoint() {
        next = (next + 1) % IDS;
        return checkpoints[next];
    }

    /** A JSON chat history with tool calls, cut to exactly {@code size} bytes (the array left open). */
    static byte[] chatHistory(int size) {
        StringBuilder json = new StringBuilder("{\"messages\":[");
        for (int turn = 0; json.length() < size; turn++) {
            json.append("{\"role\":\"user\",\"content\":\"Turn ").append(turn)
                    .append(": find flights from Paris to Lisbon on day ").append(turn % 28 + 1).append("\"},")
                    .append("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_").append(turn)
                    .append("\",\"name\":\"search_flights\",\"arguments\":{\"from\":\"CDG\",\"to\":\"LIS\",\"day\":")
                    .append(turn % 28 + 1).append("}}]},")
                    .append("{\"role\":\"tool\",\"tool_call_id\":\"call_").append(turn)
                    .append("\",\"content\":\"[{\\\"flight\\\":\\\"TP").append(400 + turn % 90)
                    .append("\\\",\\\"price\\\":").append(80 + turn * 7 % 200).append("}]\"},");
        }
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, size);
    }
}
