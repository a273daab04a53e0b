package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.compression.CompressingCheckpointStore;
import io.checkpointkit.compression.CompressionCodec;
import io.checkpointkit.compression.CompressionConfig;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Save and load of realistic agent states ({@link AgentStateJson}: 10 KiB, 100 KiB, 1 MiB of a
 * chat history with tool calls) on an SQLite file (single-file layout, defaults), without
 * compression ({@code codec=none}, the baseline) and through {@link CompressingCheckpointStore}
 * with zstd at levels 1, 3 and 9 and with Deflate at level 6. {@code save} is a blind overwrite of
 * one checkpoint (compression plus one write), {@code load} reads it back (one read plus
 * decompression). Average time per operation, so a ratio below 1 against {@code none} means
 * faster than storing the state uncompressed.
 *
 * <p>{@code -p backend=memory} puts the same decorator over the memory store instead, which
 * leaves the codec's own cost (and the state copies) without SQLite's I/O.
 *
 * <p>The stored bytes are not a time: {@link #main} prints the stored size of each state under
 * each codec (deterministic; no JMH run needed), and every trial prints its own at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CompressionBenchmark {

    /** The codecs compared; {@code none} is the plain store. */
    static final String[] CODECS = {"none", "zstd1", "zstd3", "zstd9", "deflate6"};
    /** The state sizes compared. */
    static final int[] SIZES = {10 * 1024, 100 * 1024, 1024 * 1024};

    @Param({"10240", "102400", "1048576"})
    public int stateBytes;

    @Param({"none", "zstd1", "zstd3", "zstd9", "deflate6"})
    public String codec;

    @Param({"sqlite"})
    public String backend;

    private Path directory;
    private CheckpointStore store;
    private Checkpoint checkpoint;

    /** Opens the store on a fresh file and saves the state once. */
    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("checkpointkit-compression-bench");
        CheckpointStore plain = switch (backend) {
            case "sqlite" -> SqliteCheckpointStore.builder().path(directory.resolve("checkpoints.db")).build();
            case "memory" -> io.checkpointkit.memory.MemoryCheckpointStore.create();
            default -> throw new IllegalArgumentException("backend must be sqlite or memory, was '" + backend + "'");
        };
        store = wrap(plain, codec);
        checkpoint = Checkpoint.builder("bench-exec").id("bench-cp").nodeName("agent")
                .state(AgentStateJson.of(stateBytes, 42)).putMetadata("step", "7").build();
        store.save(checkpoint);
        if (store instanceof CompressingCheckpointStore compressing) {
            System.out.printf("%n# %s, %d-byte state: stored ratio %.3f%n", codec, stateBytes,
                    compressing.stats().storedRatio());
        }
    }

    /** Closes the store and deletes its files. */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        TempDirectories.delete(directory);
    }

    /** A blind overwrite of the checkpoint: compression (if any) and one write. */
    @Benchmark
    public Checkpoint save() {
        return store.save(checkpoint);
    }

    /** A load of the checkpoint: one read and decompression (if any). */
    @Benchmark
    public Optional<Checkpoint> load() {
        return store.load(checkpoint.id());
    }

    static CheckpointStore wrap(CheckpointStore plain, String codec) {
        if (codec.equals("none")) {
            return plain;
        }
        CompressionConfig.Builder config = CompressionConfig.builder();
        if (codec.startsWith("zstd")) {
            config.codec(CompressionCodec.ZSTD).zstdLevel(Integer.parseInt(codec.substring(4)));
        } else if (codec.startsWith("deflate")) {
            config.codec(CompressionCodec.DEFLATE).deflateLevel(Integer.parseInt(codec.substring(7)));
        } else {
            throw new IllegalArgumentException("unknown codec parameter '" + codec + "'");
        }
        return CompressingCheckpointStore.wrap(plain, config.build());
    }

    /**
     * Prints, as markdown tables, the stored bytes of each benchmark state under each codec
     * (deterministic), and the CPU time of the thread per save and per load through the decorator
     * over the memory store (the median of 200 after 100 to warm up, measured with
     * {@link java.lang.management.ThreadMXBean#getCurrentThreadCpuTime()}). CPU time, unlike the
     * JMH scores, does not count the time the thread waits for a core, so it compares the codecs
     * on a machine shared with other work; it is a cross-check, not a replacement for the JMH run.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.println("| state | " + String.join(" | ", CODECS) + " |");
        System.out.println("|---|" + "---|".repeat(CODECS.length));
        StringBuilder cpu = new StringBuilder("| state, CPU µs save / load | " + String.join(" | ", CODECS) + " |\n|---|"
                + "---|".repeat(CODECS.length) + "\n");
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int size : SIZES) {
            StringBuilder row = new StringBuilder("| " + size + " B |");
            cpu.append("| ").append(size).append(" B |");
            for (String codec : CODECS) {
                try (CheckpointStore store = wrap(io.checkpointkit.memory.MemoryCheckpointStore.create(), codec)) {
                    Checkpoint checkpoint = Checkpoint.builder("e").id("c").state(AgentStateJson.of(size, 42)).build();
                    store.save(checkpoint);
                    if (store instanceof CompressingCheckpointStore compressing) {
                        long stored = compressing.stats().storedBytes();
                        row.append(String.format(java.util.Locale.ROOT, " %d B (%.1f×) |", stored, (double) size / stored));
                    } else {
                        row.append(' ').append(size).append(" B |");
                    }
                    long save = medianCpuNanos(threads, () -> store.save(checkpoint));
                    long load = medianCpuNanos(threads, () -> store.load("c").orElseThrow().state());
                    cpu.append(String.format(java.util.Locale.ROOT, " %.0f / %.0f |", save / 1e3, load / 1e3));
                }
            }
            System.out.println(row);
            cpu.append('\n');
        }
        System.out.println();
        System.out.print(cpu);
    }

    private static long medianCpuNanos(java.lang.management.ThreadMXBean threads, Runnable operation) {
        for (int i = 0; i < 100; i++) {
            operation.run();
        }
        long[] samples = new long[200];
        for (int i = 0; i < samples.length; i++) {
            long start = threads.getCurrentThreadCpuTime();
            operation.run();
            samples[i] = threads.getCurrentThreadCpuTime() - start;
        }
        java.util.Arrays.sort(samples);
        return samples[samples.length / 2];
    }
}
