package io.checkpointkit.memory;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.ExecutionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The races the memory store's locking is built for. Each test starts its threads together on a
 * latch and repeats the race many times; afterwards the id index and the executions must agree.
 */
class MemoryCheckpointStoreRaceTest {

    private static final int THREADS = 4;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MemoryCheckpointStore store = MemoryCheckpointStore.create();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        store.close();
    }

    /** Runs the tasks together, released by one latch, and returns their results. */
    private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    /** Every listed checkpoint loads by id, every execution listed is non-empty and counted right. */
    private void assertConsistent(List<String> executionIds) {
        for (String executionId : executionIds) {
            List<Checkpoint> listed = store.list(executionId);
            for (Checkpoint c : listed) {
                assertThat(store.load(c.id())).contains(c);
            }
            assertThat(listed).isSortedAccordingTo(Checkpoint.ORDER);
            assertThat(store.latest(executionId))
                    .isEqualTo(listed.isEmpty() ? Optional.empty() : Optional.of(listed.get(listed.size() - 1)));
        }
        for (ExecutionInfo info : store.executions(null, 10_000).items()) {
            assertThat(info.checkpointCount()).isPositive().isEqualTo(store.list(info.executionId()).size());
        }
    }

    @Test
    void oneIdSavedIntoDifferentExecutionsAtOnceHasExactlyOneOwner() throws Exception {
        List<String> executionIds = List.of("e0", "e1", "e2", "e3");
        for (int round = 0; round < 300; round++) {
            String id = "shared-" + round;
            List<Callable<String>> tasks = new ArrayList<>();
            for (String e : executionIds) {
                tasks.add(() -> {
                    try {
                        store.save(Checkpoint.builder(e).id(id).timestamp(T0).build());
                        return e;
                    } catch (CheckpointConflictException conflict) {
                        return null;
                    }
                });
            }
            List<String> winners = new ArrayList<>(race(tasks));
            winners.removeIf(w -> w == null);
            assertThat(winners).hasSize(1);
            assertThat(store.load(id).orElseThrow().executionId()).isEqualTo(winners.get(0));
            for (String e : executionIds) {
                assertThat(store.list(e).stream().anyMatch(c -> c.id().equals(id))).isEqualTo(e.equals(winners.get(0)));
            }
        }
        assertConsistent(executionIds);
        assertThat(store.executions(null, 10).items().stream().mapToLong(ExecutionInfo::checkpointCount).sum())
                .isEqualTo(300);
    }

    @Test
    void compareAndSetRaceOnOneIdHasExactlyOneWinner() throws Exception {
        for (int round = 0; round < 300; round++) {
            Checkpoint stored = store.save(Checkpoint.builder("e").id("cas-" + round).timestamp(T0).build());
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String node = "writer-" + t;
                tasks.add(() -> {
                    try {
                        store.save(stored.toBuilder().nodeName(node).build());
                        return true;
                    } catch (CheckpointConflictException conflict) {
                        return false;
                    }
                });
            }
            assertThat(race(tasks)).containsOnlyOnce(true);
            assertThat(store.load(stored.id()).orElseThrow().version()).isEqualTo(2);
        }
        assertConsistent(List.of("e"));
    }

    @Test
    void savesIntoAnExecutionThatIsEmptiedAndRetiredAtTheSameTimeAreNotLost() throws Exception {
        // Every thread saves a checkpoint and deletes it again, so execution "e" keeps becoming
        // empty, being retired and being created anew. A save that landed in a retired execution
        // would load by id but be missing from list("e").
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String prefix = "t" + t + "-";
            tasks.add(() -> {
                int lost = 0;
                for (int i = 0; i < 5000; i++) {
                    String id = prefix + i;
                    Checkpoint saved = store.save(Checkpoint.builder("e").id(id).timestamp(T0.plusSeconds(i)).build());
                    if (!store.list("e").contains(saved) || store.latest("e").isEmpty()) {
                        lost++;
                    }
                    if (!store.delete(id)) {
                        lost++;
                    }
                }
                return lost;
            });
        }
        assertThat(race(tasks)).containsOnly(0);
        assertThat(store.list("e")).isEmpty();
        assertThat(store.executions(null, 10).items()).isEmpty();
        assertThat(store).hasToString("MemoryCheckpointStore{executions=0, checkpoints=0}");
    }

    @Test
    void saveRacingClearLeavesTheIndexAndTheExecutionInAgreement() throws Exception {
        AtomicBoolean saving = new AtomicBoolean(true);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String prefix = "s" + t + "-";
            tasks.add(() -> {
                for (int i = 0; i < 3000; i++) {
                    store.save(Checkpoint.builder("e").id(prefix + i).timestamp(T0.plusMillis(i)).build());
                }
                return 0;
            });
        }
        tasks.add(() -> {
            int cleared = 0;
            while (saving.get()) {
                cleared += store.clear("e");
                cleared += store.trim("e", 5);
            }
            return cleared;
        });
        List<Future<Integer>> futures = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (Callable<Integer> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        futures.get(0).get(60, TimeUnit.SECONDS);
        futures.get(1).get(60, TimeUnit.SECONDS);
        saving.set(false);
        int removed = futures.get(2).get(60, TimeUnit.SECONDS);

        Set<String> listed = new HashSet<>();
        store.list("e").forEach(c -> listed.add(c.id()));
        assertThat(removed + listed.size()).isEqualTo(6000);
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < 3000; i++) {
                String id = "s" + t + "-" + i;
                assertThat(store.load(id).isPresent()).as(id).isEqualTo(listed.contains(id));
            }
        }
        assertConsistent(List.of("e"));
    }

    @Test
    void manyThreadsSavingDistinctIdsLoseNothing() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < 2000; i++) {
                    store.save(Checkpoint.builder("e" + (i % 3)).id(thread + "-" + i).timestamp(T0.plusSeconds(i % 7)).build());
                }
                return 0;
            });
        }
        race(tasks);
        assertThat(store.list("e0").size() + store.list("e1").size() + store.list("e2").size()).isEqualTo(THREADS * 2000);
        assertConsistent(List.of("e0", "e1", "e2"));
    }
}
