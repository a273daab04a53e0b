package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * The circuit breaker's overhead per call: the bare memory store ({@code rawLoad},
 * {@code rawSave}), the same call through {@link CircuitBreakingCheckpointStore} ({@code load},
 * {@code save}), and through Resilience4j's {@code CircuitBreaker} with the same settings
 * ({@code resilience4jLoad}, {@code resilience4jSave}). The memory store makes the breaker's own
 * cost visible; the target is no more overhead than Resilience4j.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CircuitBreakerBenchmark {

    private MemoryCheckpointStore memory;
    private CircuitBreakingCheckpointStore breaker;
    private CircuitBreaker resilience4j;
    private Checkpoint checkpoint;

    @Setup
    public void setUp() {
        memory = MemoryCheckpointStore.create();
        checkpoint = Checkpoint.builder("bench-execution").id("bench-checkpoint").state(new byte[256]).build();
        memory.save(checkpoint);
        breaker = CircuitBreakingCheckpointStore.wrap(memory, CircuitBreakerConfig.builder()
                .failureRateThreshold(0.5).slidingWindowSize(20).minimumCalls(10)
                .waitInOpen(Duration.ofSeconds(30)).permittedTrialCalls(3).build());
        resilience4j = CircuitBreaker.of("bench", io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                .slidingWindowType(io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(50).slidingWindowSize(20).minimumNumberOfCalls(10)
                .waitDurationInOpenState(Duration.ofSeconds(30)).permittedNumberOfCallsInHalfOpenState(3)
                .recordExceptions(CheckpointStoreUnavailableException.class)
                .build());
    }

    @TearDown
    public void tearDown() {
        breaker.close();
    }

    @Benchmark
    public Optional<Checkpoint> rawLoad() {
        return memory.load("bench-checkpoint");
    }

    @Benchmark
    public Optional<Checkpoint> load() {
        return breaker.load("bench-checkpoint");
    }

    @Benchmark
    public Optional<Checkpoint> resilience4jLoad() {
        return resilience4j.executeSupplier(() -> memory.load("bench-checkpoint"));
    }

    @Benchmark
    public Checkpoint rawSave() {
        return memory.save(checkpoint);
    }

    @Benchmark
    public Checkpoint save() {
        return breaker.save(checkpoint);
    }

    @Benchmark
    public Checkpoint resilience4jSave() {
        return resilience4j.executeSupplier(() -> memory.save(checkpoint));
    }
}
