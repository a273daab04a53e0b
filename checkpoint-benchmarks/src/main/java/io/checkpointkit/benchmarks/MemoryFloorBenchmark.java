package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.memory.MemoryCheckpointStore;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The floor under the memory store's scale curve (issue 18): its {@code load} and
 * {@code latest} beside the JDK collections they are built on, holding the very same
 * checkpoint objects, at a small and a large store, in one run.
 *
 * <p>{@code rawLoad} is {@code ConcurrentHashMap.get} of a random id, {@code rawLatest}
 * {@code ConcurrentSkipListMap.get} of a random execution then {@code TreeSet.last()}: the
 * lookups the store makes, without its argument checks, locks and {@code Optional}. When the raw
 * side grows from the small to the large store by as much as the store does, the growth is the
 * machine's (the maps and the checkpoints no longer fit in the CPU caches, so each lookup waits
 * for main memory), not an algorithm of ours: both are O(1) or O(log n) in the number of entries.
 *
 * <pre>
 * java -jar checkpoint-benchmarks/target/benchmarks.jar MemoryFloorBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MemoryFloorBenchmark {

    /** Checkpoints per execution, the middle of the scale suite's 10–100. */
    private static final int PER_EXECUTION = 55;
    private static final int STATE_BYTES = 1024;

    /** Checkpoints in the store (and in the raw maps). */
    @Param({"1000", "1000000"})
    public int checkpoints;

    private MemoryCheckpointStore store;
    private final Map<String, Checkpoint> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<String, TreeSet<Checkpoint>> byExecution = new ConcurrentSkipListMap<>();
    private String[] ids;
    private String[] executionIds;

    /**
     * Fills the store by its own {@code save} with 1 KiB random states in executions of
     * {@value #PER_EXECUTION}, and the raw maps with the checkpoints the saves returned.
     */
    @Setup
    public void fill() {
        store = MemoryCheckpointStore.create();
        Random random = new Random(42);
        ids = new String[checkpoints];
        executionIds = new String[(checkpoints + PER_EXECUTION - 1) / PER_EXECUTION];
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < checkpoints; i++) {
            int execution = i / PER_EXECUTION;
            if (i % PER_EXECUTION == 0) {
                executionIds[execution] = new UUID(random.nextLong(), random.nextLong()).toString();
            }
            byte[] state = new byte[STATE_BYTES];
            random.nextBytes(state);
            Checkpoint saved = store.save(Checkpoint.builder(executionIds[execution])
                    .id(new UUID(random.nextLong(), random.nextLong()).toString())
                    .nodeName("node").state(state).timestamp(start.plusMillis(i)).build());
            ids[i] = saved.id();
            byId.put(saved.id(), saved);
            byExecution.computeIfAbsent(saved.executionId(), e -> new TreeSet<>(Checkpoint.ORDER)).add(saved);
        }
    }

    /** Closes the store. */
    @TearDown
    public void close() {
        store.close();
    }

    /** The store's {@code load} of a random checkpoint. */
    @Benchmark
    public Optional<Checkpoint> storeLoad() {
        return store.load(ids[ThreadLocalRandom.current().nextInt(ids.length)]);
    }

    /** {@code ConcurrentHashMap.get} of a random checkpoint: the lookup {@code load} makes. */
    @Benchmark
    public Checkpoint rawLoad() {
        return byId.get(ids[ThreadLocalRandom.current().nextInt(ids.length)]);
    }

    /** The store's {@code latest} of a random execution. */
    @Benchmark
    public Optional<Checkpoint> storeLatest() {
        return store.latest(executionIds[ThreadLocalRandom.current().nextInt(executionIds.length)]);
    }

    /** {@code ConcurrentSkipListMap.get} then {@code TreeSet.last()}: the lookups {@code latest} makes. */
    @Benchmark
    public Checkpoint rawLatest() {
        return byExecution.get(executionIds[ThreadLocalRandom.current().nextInt(executionIds.length)]).last();
    }
}
