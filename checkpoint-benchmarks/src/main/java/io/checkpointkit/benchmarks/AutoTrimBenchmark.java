package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * {@code save} latency (SampleTime: read the p0.99 line) with auto-trim active against without.
 *
 * <p>Both write to {@value #EXECUTIONS} executions in turn. {@code save} goes through
 * {@link AutoTrimmingCheckpointStore} (keep 10, threshold 30) with a new id every time, so each
 * execution swings between 10 and 40 checkpoints and the background worker trims all along.
 * {@code rawSave} writes the bare memory store, reusing a ring of 40 ids per execution, so the
 * store holds as many checkpoints as with auto-trim and does not grow without bound. The target
 * is a p99 within 1.2 times the raw one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AutoTrimBenchmark {

    static final int EXECUTIONS = 1_000;
    static final int KEEP_LATEST = 10;
    static final int THRESHOLD = 30;

    private static final byte[] STATE = new byte[256];

    private MemoryCheckpointStore rawStore;
    private MemoryCheckpointStore trimmedMemory;
    private AutoTrimmingCheckpointStore trimmed;
    private String[] executionIds;
    private long rawSequence;
    private long trimmedSequence;

    @Setup(Level.Trial)
    public void setUp() {
        rawStore = MemoryCheckpointStore.create();
        trimmedMemory = MemoryCheckpointStore.create();
        trimmed = AutoTrimmingCheckpointStore.wrap(trimmedMemory,
                AutoTrimConfig.builder().keepLatest(KEEP_LATEST).threshold(THRESHOLD).build());
        executionIds = new String[EXECUTIONS];
        for (int i = 0; i < EXECUTIONS; i++) {
            executionIds[i] = "bench-execution-" + i;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trimmed.close();
        countingOnly.close();
        rawStore.close();
    }

    @Benchmark
    public Checkpoint rawSave() {
        return rawStore.save(fromRing(rawSequence++));
    }

    /**
     * The {@code n}-th checkpoint of the ring of ids that the bare store and the counting-only
     * decorator write: executions in turn, each reusing {@code KEEP_LATEST + THRESHOLD} ids.
     */
    private Checkpoint fromRing(long n) {
        int execution = (int) (n % EXECUTIONS);
        long round = n / EXECUTIONS;
        String id = executionIds[execution] + "/" + (round % (KEEP_LATEST + THRESHOLD));
        return Checkpoint.builder(executionIds[execution]).id(id).state(STATE).build();
    }

    private AutoTrimmingCheckpointStore countingOnly;
    private long countingSequence;

    /** The decorator with a threshold no execution reaches: its save path without any trim. */
    @Setup(Level.Trial)
    public void setUpCounting() {
        countingOnly = AutoTrimmingCheckpointStore.wrap(MemoryCheckpointStore.create(),
                AutoTrimConfig.builder().keepLatest(KEEP_LATEST).threshold(Integer.MAX_VALUE).build());
    }

    /**
     * The save path of the decorator alone (counting, no trim ever queued), writing the same ring
     * of ids as {@link #rawSave()}: separates the decorator's own cost from the effect of trims
     * running in the background.
     */
    @Benchmark
    public Checkpoint saveCountingOnly() {
        return countingOnly.save(fromRing(countingSequence++));
    }

    @Benchmark
    public Checkpoint save() {
        long n = trimmedSequence++;
        int execution = (int) (n % EXECUTIONS);
        String id = executionIds[execution] + "/" + (n / EXECUTIONS);
        return trimmed.save(Checkpoint.builder(executionIds[execution]).id(id).state(STATE).build());
    }
}
