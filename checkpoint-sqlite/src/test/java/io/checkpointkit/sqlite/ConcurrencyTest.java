package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** 16 writers into 4 executions with readers alongside: no exception, no lost acknowledged save. */
class ConcurrencyTest {

    private static final int WRITERS = 16;
    private static final int EXECUTIONS = 4;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void sixteenWritersLoseNothingAndNeverSeeALock(SqliteCheckpointStore.Layout layout) throws Exception {
        long runMillis = layout == SqliteCheckpointStore.Layout.SINGLE ? 3000 : 2000;
        Path path = dir.resolve(layout == SqliteCheckpointStore.Layout.SINGLE ? "c.db" : "c");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(path).layout(layout).build()) {
            List<Thread> threads = new ArrayList<>();
            CountDownLatch ready = new CountDownLatch(WRITERS + 2);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.add(new Thread(() -> {
                    ready.countDown();
                    int n = 0;
                    try {
                        while (!stop.get()) {
                            byte[] state = new byte[ThreadLocalRandom.current().nextInt(0, 4096)];
                            ThreadLocalRandom.current().nextBytes(state);
                            Checkpoint saved = store.save(Checkpoint.builder("exec-" + (n % EXECUTIONS))
                                    .id("w" + writer + "-" + n++).state(state).build());
                            acknowledged.add(saved.id());
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                threads.add(new Thread(() -> {
                    ready.countDown();
                    int n = 0;
                    try {
                        while (!stop.get()) {
                            String execution = "exec-" + (n++ % EXECUTIONS);
                            store.latest(execution);
                            store.list(execution, CheckpointQuery.builder().newestFirst(true).limit(20).build());
                            store.executions(null, 10);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            // The run length is a workload size, not a timed assertion.
            Thread.sleep(runMillis);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(acknowledged).hasSizeGreaterThan(WRITERS);
            Set<String> stored = ConcurrentHashMap.newKeySet();
            for (int e = 0; e < EXECUTIONS; e++) {
                List<Checkpoint> all = store.list("exec-" + e);
                all.forEach(c -> stored.add(c.id()));
            }
            assertThat(stored).containsAll(acknowledged);
        }
        try (SqliteCheckpointStore reopened = SqliteCheckpointStore.builder().path(path).layout(layout).build()) {
            long total = 0;
            for (int e = 0; e < EXECUTIONS; e++) {
                total += reopened.list("exec-" + e).stream().map(Checkpoint::id)
                        .filter(acknowledged::contains).collect(Collectors.toList()).size();
            }
            assertThat(total).isEqualTo(acknowledged.size());
        }
    }
}
