package io.checkpointkit.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.preloader.PreloaderConfig;
import io.checkpointkit.preloader.PreloadingCheckpointStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cost of the preloader's own work on the hit path and the write path, beside a bare Caffeine
 * cache doing the same lookups (no I/O on either side: the delegate is the memory store, and every
 * read is a hit). Each {@code rawX} is the baseline of {@code x}:
 * <ul>
 *   <li>{@code latestHit} (cache lookup, hit statistics, access tracking) vs
 *       {@code Cache.getIfPresent} on the same 1,000 keys;
 *   <li>{@code save} through the decorator (the delegate's save plus the stale-load guard and the
 *       cache update) vs the memory store's save alone.
 * </ul>
 * The hit rate, latency and backend reads under a real workload are measured by
 * {@link PreloaderWorkload}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PreloaderBenchmark {

    private static final int EXECUTIONS = 1_000;

    private final String[] executionIds = new String[EXECUTIONS];
    private final String[] checkpointIds = new String[EXECUTIONS];
    private MemoryCheckpointStore memory;
    private PreloadingCheckpointStore preloading;
    private Cache<String, Optional<Checkpoint>> raw;
    private CheckpointStore rawMemory;
    private int next;

    /** Fills both caches with the latest of every execution. */
    @Setup(Level.Trial)
    public void open() {
        memory = MemoryCheckpointStore.create();
        rawMemory = MemoryCheckpointStore.create();
        preloading = PreloadingCheckpointStore.wrap(memory, PreloaderConfig.builder()
                .expireAfterWrite(Duration.ofHours(1)).interval(Duration.ofHours(1)).build());
        raw = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1)).build();
        for (int i = 0; i < EXECUTIONS; i++) {
            executionIds[i] = "bench-exec-" + i;
            checkpointIds[i] = "bench-cp-" + i;
            Checkpoint saved = preloading.save(Checkpoint.builder(executionIds[i]).state(new byte[256]).build());
            raw.put(executionIds[i], Optional.of(saved));
            preloading.latest(executionIds[i]);
        }
    }

    /** Closes the stores. */
    @TearDown(Level.Trial)
    public void close() {
        preloading.close();
        rawMemory.close();
    }

    private String nextExecution() {
        next = (next + 1) % EXECUTIONS;
        return executionIds[next];
    }

    private Checkpoint nextCheckpoint() {
        next = (next + 1) % EXECUTIONS;
        return Checkpoint.builder(executionIds[next]).id(checkpointIds[next]).state(new byte[256]).build();
    }

    /** {@code latest} served from the decorator's cache. */
    @Benchmark
    public Optional<Checkpoint> latestHit() {
        return preloading.latest(nextExecution());
    }

    /** Baseline of {@link #latestHit}: a bare Caffeine lookup. */
    @Benchmark
    public Optional<Checkpoint> rawLatestHit() {
        return raw.getIfPresent(nextExecution());
    }

    /** A blind save through the decorator. */
    @Benchmark
    public Checkpoint save() {
        return preloading.save(nextCheckpoint());
    }

    /** Baseline of {@link #save}: the same save on a memory store alone. */
    @Benchmark
    public Checkpoint rawSave() {
        return rawMemory.save(nextCheckpoint());
    }
}
