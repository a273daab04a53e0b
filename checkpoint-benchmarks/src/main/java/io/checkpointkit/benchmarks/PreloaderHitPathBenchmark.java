package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
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
 * The preloader's hit path alone (issue 17's p99 target): {@code latest} and {@code load} of keys
 * that are all cached, over the memory store, with no preload round during the run (interval and
 * expiry of an hour). Run it with {@code -prof gc}: the bytes allocated per read
 * ({@code gc.alloc.rate.norm}) do not depend on the machine's load, the nanoseconds do; with
 * {@code -t 2} for two readers on shared keys.
 *
 * <pre>
 * java -jar checkpoint-benchmarks/target/benchmarks.jar PreloaderHitPathBenchmark -prof gc -f 1 -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PreloaderHitPathBenchmark {

    private static final int EXECUTIONS = 1_024;

    private final String[] executionIds = new String[EXECUTIONS];
    private final String[] checkpointIds = new String[EXECUTIONS];
    private PreloadingCheckpointStore preloading;

    /** Each reader walks the keys from its own place. */
    @State(Scope.Thread)
    public static class Reader {
        private int next = (int) (Thread.currentThread().getId() * 337);

        int next() {
            next = (next + 1) & (EXECUTIONS - 1);
            return next;
        }
    }

    /** One checkpoint per execution, its {@code load} and its {@code latest} cached and read once. */
    @Setup(Level.Trial)
    public void open() {
        preloading = PreloadingCheckpointStore.wrap(MemoryCheckpointStore.create(), PreloaderConfig.builder()
                .maximumSize(4 * EXECUTIONS).maxTrackedKeys(4 * EXECUTIONS).expireAfterWrite(Duration.ofHours(1)).interval(Duration.ofHours(1))
                .build());
        for (int i = 0; i < EXECUTIONS; i++) {
            executionIds[i] = "hit-exec-" + i;
            Checkpoint saved = preloading.save(Checkpoint.builder(executionIds[i]).state(new byte[256]).build());
            checkpointIds[i] = saved.id();
            preloading.latest(executionIds[i]);
            preloading.load(checkpointIds[i]);
        }
    }

    /** Closes the store. */
    @TearDown(Level.Trial)
    public void close() {
        preloading.close();
    }

    /** {@code latest} of a cached execution: the read of workload 1. */
    @Benchmark
    public Optional<Checkpoint> latestHit(Reader reader) {
        return preloading.latest(executionIds[reader.next()]);
    }

    /** {@code load} of a cached checkpoint (also records its execution's latest as related). */
    @Benchmark
    public Optional<Checkpoint> loadHit(Reader reader) {
        return preloading.load(checkpointIds[reader.next()]);
    }
}
