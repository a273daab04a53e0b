package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.Checkpoint;
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

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Throughput and latency of {@code save} and {@code latest} under concurrency, each beside the
 * best raw-driver pattern at the same concurrency, in one JMH run per backend (issue 18, item
 * 3). The thread count is JMH's ({@code -t 8}, or {@link ConcurrencySuite}, which runs 1, 8 and
 * 32 and writes the ratios); Mode.Throughput gives the rate, Mode.SampleTime the percentiles.
 *
 * <p>Each benchmark thread is one agent with an execution of its own: {@code save} writes a new
 * checkpoint of 1 KiB with two metadata entries into it (a new id each time; on Redis one of 256
 * ids per thread, so memory stays bounded), {@code latest} reads the newest of one of
 * {@value #LISTED_EXECUTIONS} executions of {@value ConcurrencyBackend#LISTED}. The raw sides are
 * described by {@link ConcurrencySqlite}, {@link ConcurrencyPostgres} and
 * {@link ConcurrencyRedis}.
 *
 * <p>{@code batch} applies to SQLite's {@code rawSave} only: each invocation commits that many
 * INSERTs in one transaction on one connection, the "batch of N" ceiling of the SQLite README
 * (N threads can never put more than N saves into one group commit). It is meant to run with one
 * thread; its rows per second are the score times {@code batch}, and the latency of a row is the
 * latency of its batch. {@link ConcurrencySuite} does both. {@code rawSaveFull} (on SQLite
 * with {@code batch} too) writes what a store save must write besides the row (see
 * {@link ConcurrencyRaw#saveFull}); {@code rawSave}, the ceiling of the issue, writes every
 * row of a batch into one execution with a plain INSERT and no write time.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConcurrencyBenchmark {

    /** Executions read by {@code latest}, thread {@code i} reading number {@code i} modulo this. */
    static final int LISTED_EXECUTIONS = 8;

    /** The backend: {@code postgres}, {@code redis} or {@code sqlite}. */
    @Param({"postgres", "redis", "sqlite"})
    public String backend;

    /** Rows per transaction of SQLite's raw save (the batched-insert ceiling); 1 elsewhere. */
    @Param({"1"})
    public int batch;

    ConcurrencyBackend target;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger agents = new AtomicInteger();

    /** Opens the backend and fills the executions that {@code latest} reads. */
    @Setup(Level.Trial)
    public void open() throws Exception {
        target = switch (backend) {
            case "postgres" -> new ConcurrencyPostgres();
            case "redis" -> new ConcurrencyRedis();
            case "sqlite" -> new ConcurrencySqlite();
            default -> throw new IllegalArgumentException("backend must be postgres, redis or sqlite: " + backend);
        };
        if (batch < 1 || (batch > 1 && !backend.equals("sqlite"))) {
            throw new IllegalArgumentException("batch must be 1, or more on sqlite only: " + batch);
        }
        for (int i = 0; i < LISTED_EXECUTIONS; i++) {
            target.fillListed(listed(i));
        }
        target.settle();
    }

    /** Removes what the trial wrote and closes everything. */
    @TearDown(Level.Trial)
    public void close() throws Exception {
        target.close();
    }

    private String listed(int i) {
        return "listed-" + run + "-" + i;
    }

    /** One benchmark thread: an agent with its own execution and raw session. */
    @State(Scope.Thread)
    public static class Agent {
        String executionId;
        String rawExecutionId;
        String listedExecution;
        String rawListedExecution;
        ConcurrencyRaw raw;
        private String idPrefix;
        private int ring;
        private long sequence;

        /** Names the agent's executions and opens its raw session. */
        @Setup(Level.Trial)
        public void open(ConcurrencyBenchmark benchmark) throws Exception {
            int number = benchmark.agents.getAndIncrement();
            executionId = "agent-" + benchmark.run + "-" + number;
            rawExecutionId = ConcurrencyBackend.rawExecution(executionId);
            listedExecution = benchmark.listed(number % LISTED_EXECUTIONS);
            rawListedExecution = ConcurrencyBackend.rawExecution(listedExecution);
            idPrefix = executionId + "-";
            ring = benchmark.target.idRing();
            raw = benchmark.target.openRaw();
        }

        /** Closes the raw session. */
        @TearDown(Level.Trial)
        public void close() throws Exception {
            raw.close();
        }

        String nextId() {
            long n = sequence++;
            return idPrefix + (ring == 0 ? n : n % ring);
        }
    }

    /** The store's save of a new checkpoint into the agent's execution. */
    @Benchmark
    public Checkpoint save(Agent agent) {
        return target.store().save(Checkpoint.builder(agent.executionId).id(agent.nextId()).nodeName("plan")
                .state(ConcurrencyBackend.STATE).metadata(ConcurrencyBackend.METADATA).build());
    }

    /** The raw side's save of the same row ({@code batch} rows on SQLite). */
    @Benchmark
    public int rawSave(Agent agent) throws Exception {
        return agent.raw.save(agent.rawExecutionId, "raw-" + agent.nextId(), batch);
    }

    /**
     * The raw side's save of the same row plus what the store's save also writes (version,
     * ownership of the id, the execution's write time): one round trip on PostgreSQL and Redis,
     * {@code batch} such saves in one transaction on SQLite ({@link ConcurrencyRaw#saveFull}).
     */
    @Benchmark
    public long rawSaveFull(Agent agent) throws Exception {
        return agent.raw.saveFull(agent.rawExecutionId, "raw-" + agent.nextId(), batch);
    }

    /** The store's latest of an execution of 50. */
    @Benchmark
    public Checkpoint latest(Agent agent) {
        return target.store().latest(agent.listedExecution).orElseThrow();
    }

    /** The raw side's read of the newest row of the same execution. */
    @Benchmark
    public Object rawLatest(Agent agent) throws Exception {
        return agent.raw.latest(agent.rawListedExecution);
    }
}
