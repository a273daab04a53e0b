package io.checkpointkit.postgres;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresConcurrencyTest {

    private static final int THREADS = 8;

    private static String schema;
    private static PostgresCheckpointStore store;

    @BeforeAll
    static void open() {
        schema = TestDatabase.freshSchema("ckpt_concurrency");
        store = PostgresCheckpointStore.builder(TestDatabase.uri(schema, "checkpoints") + "&poolSize=" + THREADS).build();
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
        TestDatabase.dropSchema(schema);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mixedSaveLatestTrimAndClearOnSharedExecutionsNeitherFailNorDeadlock() throws Exception {
        List<String> executions = List.of("shared-" + UUID.randomUUID(), "shared-" + UUID.randomUUID());
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            running.add(threads.submit(() -> {
                go.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 150; i++) {
                    String exec = executions.get(random.nextInt(executions.size()));
                    try {
                        int op = random.nextInt(100);
                        if (op < 50) {
                            store.save(Checkpoint.builder(exec).pinned(random.nextInt(20) == 0)
                                    .state(new byte[random.nextInt(64)]).build());
                        } else if (op < 75) {
                            Optional<Checkpoint> latest = store.latest(exec);
                            latest.ifPresent(cp -> assertThat(cp.executionId()).isEqualTo(exec));
                        } else if (op < 90) {
                            store.trim(exec, 5);
                        } else if (op < 97) {
                            store.list(exec, CheckpointQuery.builder().newestFirst(true).limit(3).build());
                        } else {
                            store.clear(exec);
                        }
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(e);
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : running) {
            f.get(100, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(failures).isEmpty();
        for (String exec : executions) {
            store.trim(exec, 5);
            List<Checkpoint> left = store.list(exec);
            assertThat(left.stream().filter(cp -> !cp.pinned())).hasSizeLessThanOrEqualTo(5);
            assertThat(left).isSortedAccordingTo(Checkpoint.ORDER);
            if (!left.isEmpty()) {
                assertThat(store.latest(exec)).contains(left.get(left.size() - 1));
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void compareAndSetRacesHaveExactlyOneWinner() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            Checkpoint current = store.save(Checkpoint.builder("race-" + UUID.randomUUID()).build());
            for (int round = 0; round < 20; round++) {
                Checkpoint expected = current;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Checkpoint>> attempts = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    byte[] state = {(byte) t, (byte) round};
                    Callable<Checkpoint> attempt = () -> {
                        go.await();
                        try {
                            return store.save(expected.toBuilder().state(state).build());
                        } catch (CheckpointConflictException lost) {
                            return null;
                        }
                    };
                    attempts.add(threads.submit(attempt));
                }
                go.countDown();
                List<Checkpoint> winners = new ArrayList<>();
                for (Future<Checkpoint> f : attempts) {
                    Checkpoint won = f.get(60, TimeUnit.SECONDS);
                    if (won != null) {
                        winners.add(won);
                    }
                }
                assertThat(winners).hasSize(1);
                assertThat(winners.get(0).version()).isEqualTo(expected.version() + 1);
                assertThat(store.load(expected.id())).contains(winners.get(0));
                current = winners.get(0);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
