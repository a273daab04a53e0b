package io.checkpointkit.preloader;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** delete, clear and trim find what to invalidate in the per-execution index of cached keys. */
class PreloaderInvalidationTest {

    private final FakeTime time = new FakeTime();
    private final MemoryCheckpointStore memory = MemoryCheckpointStore.create();
    private final InstrumentedCheckpointStore backend = InstrumentedCheckpointStore.wrap(memory);
    private final PreloadingCheckpointStore store = PreloadingCheckpointStore.wrap(backend, PreloaderConfig.builder()
            .expireAfterWrite(Duration.ofMinutes(10)).interval(Duration.ofHours(1))
            .ticker(time).scheduler(time).executor(Runnable::run).build());
    private final String run = UUID.randomUUID().toString();
    private final AtomicLong timestamps = new AtomicLong();

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Checkpoint checkpoint(String executionId, String id) {
        return Checkpoint.builder(executionId).id(id)
                .timestamp(Instant.parse("2026-01-01T00:00:00Z").plusMillis(timestamps.incrementAndGet()))
                .state(id.getBytes()).build();
    }

    @Test
    void clearAndTrimForgetOnlyTheirOwnExecutionsEntries() {
        String a = "a-" + run;
        String b = "b-" + run;
        memory.save(checkpoint(a, "a1-" + run));
        memory.save(checkpoint(a, "a2-" + run));
        Checkpoint b1 = memory.save(checkpoint(b, "b1-" + run));
        store.load("a1-" + run);
        store.load("a2-" + run);
        store.load("b1-" + run);
        store.latest(a);
        store.latest(b);
        assertThat(store.indexedEntries()).isEqualTo(5); // 3 checkpoints by execution, 2 latest by checkpoint

        assertThat(store.trim(a, 1)).isEqualTo(1);
        assertThat(store.indexedEntries()).isEqualTo(2); // a's checkpoints and latest forgotten; b's kept
        int reads = backend.calls(Operation.LOAD, Operation.LATEST);
        assertThat(store.load("b1-" + run)).contains(b1);
        assertThat(store.latest(b)).contains(b1);
        assertThat(backend.calls(Operation.LOAD, Operation.LATEST)).isEqualTo(reads);
        assertThat(store.load("a1-" + run)).isEmpty();

        assertThat(store.clear(b)).isEqualTo(1);
        assertThat(store.load("b1-" + run)).isEmpty();
        assertThat(store.latest(b)).isEmpty();
    }

    @Test
    void deleteForgetsTheLatestEntriesThatWereTheDeletedCheckpoint() {
        String a = "a-" + run;
        Checkpoint first = memory.save(checkpoint(a, "a1-" + run));
        memory.save(checkpoint(a, "a2-" + run));
        store.latest(a);
        assertThat(store.indexedEntries()).isOne();

        assertThat(store.delete("a2-" + run)).isTrue();
        assertThat(store.indexedEntries()).isZero();
        assertThat(store.latest(a)).contains(first);
    }

    @Test
    void aLoadOfAnotherExecutionInFlightDuringAClearIsStillCached() throws Exception {
        String a = "a-" + run;
        String b = "b-" + run;
        memory.save(checkpoint(a, "a1-" + run));
        Checkpoint b1 = memory.save(checkpoint(b, "b1-" + run));
        InstrumentedCheckpointStore.Hold hold = backend.holdNext(Operation.LOAD);
        CompletableFuture<Optional<Checkpoint>> reader = CompletableFuture.supplyAsync(() -> store.load("b1-" + run));
        hold.awaitHeld();

        store.clear(a); // another execution: no reason to drop b's result
        hold.release();

        assertThat(reader.get(10, TimeUnit.SECONDS)).contains(b1);
        int reads = backend.calls(Operation.LOAD);
        assertThat(store.load("b1-" + run)).contains(b1);
        assertThat(backend.calls(Operation.LOAD)).isEqualTo(reads); // cached: before the index, every clear dropped it
    }

    @Test
    void readsRacingDeletesClearsTrimsAndSavesNeverLeaveStaleEntries() throws Exception {
        int threads = 4;
        int executions = 3;
        int idsPerExecution = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t);
            workers.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < 5_000; i++) {
                    int e = random.nextInt(executions);
                    String executionId = "exec-" + e + "-" + run;
                    String id = "cp-" + e + "-" + random.nextInt(idsPerExecution) + "-" + run;
                    switch (random.nextInt(8)) {
                        case 0 -> store.save(checkpoint(executionId, id));
                        case 1 -> store.delete(id);
                        case 2 -> store.clear(executionId);
                        case 3 -> store.trim(executionId, 1);
                        case 4, 5 -> store.load(id);
                        default -> store.latest(executionId);
                    }
                }
            }));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        for (int e = 0; e < executions; e++) {
            String executionId = "exec-" + e + "-" + run;
            assertThat(store.latest(executionId)).isEqualTo(memory.latest(executionId));
            for (int i = 0; i < idsPerExecution; i++) {
                String id = "cp-" + e + "-" + i + "-" + run;
                assertThat(store.load(id)).as(id).isEqualTo(memory.load(id));
            }
        }
        assertThat(store.stats().accesses()).isGreaterThan(5_000);
    }
}
