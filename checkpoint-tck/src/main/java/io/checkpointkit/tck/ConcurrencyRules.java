package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every method is thread-safe: concurrent saves of distinct ids all persist; of one id with the
 * same expected version, exactly one wins. A few threads and a few dozen calls each, bounded in
 * time.
 */
abstract class ConcurrencyRules extends TckGroup {

    private static final int THREADS = 4;
    private static final int CALLS = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    ConcurrencyRules(TckFixture fixture) {
        super(fixture);
    }

    @Test
    void concurrentSavesOfDistinctIdsAllPersist() {
        String execution = newExecution();
        Concurrently.run(THREADS, TIMEOUT, worker -> {
            for (int i = 0; i < CALLS; i++) {
                saveAt(execution, "w" + worker + "-" + i, i);
            }
        });
        assertThat(store().list(execution)).hasSize(THREADS * CALLS)
                .allSatisfy(c -> assertThat(c.version()).isEqualTo(1));
    }

    @Test
    void concurrentSavesToDistinctExecutionsAllPersist() {
        String[] executions = new String[THREADS];
        for (int w = 0; w < THREADS; w++) {
            executions[w] = newExecution();
        }
        Concurrently.run(THREADS, TIMEOUT, worker -> {
            for (int i = 0; i < CALLS; i++) {
                saveAt(executions[worker], "w" + worker + "-" + i, i);
            }
        });
        for (String execution : executions) {
            assertThat(store().list(execution)).hasSize(CALLS);
        }
    }

    @Test
    void compareAndSetRaceHasExactlyOneWinner() {
        String execution = newExecution();
        for (int round = 0; round < 5; round++) {
            Checkpoint stored = saveAt(execution, "contended" + round, 0);
            AtomicInteger wins = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            ConcurrentHashMap<Integer, Checkpoint> winners = new ConcurrentHashMap<>();
            Concurrently.run(THREADS, TIMEOUT, worker -> {
                Checkpoint mine = stored.toBuilder().nodeName("worker-" + worker).build();
                try {
                    winners.put(worker, store().save(mine));
                    wins.incrementAndGet();
                } catch (CheckpointConflictException expected) {
                    conflicts.incrementAndGet();
                }
            });
            assertThat(wins.get()).as("winners of round %d", round).isEqualTo(1);
            assertThat(conflicts.get()).isEqualTo(THREADS - 1);
            Checkpoint winner = winners.values().iterator().next();
            assertThat(winner.version()).isEqualTo(2);
            assertThat(store().load(stored.id())).contains(winner);
        }
    }

    @Test
    void compareAndSetIncrementsLoseNoUpdate() {
        Checkpoint counter = store().save(checkpoint(newExecution(), "counter").state(counterState(0)).build());
        int increments = 10;
        Concurrently.run(THREADS, TIMEOUT, worker -> {
            int attempts = 0;
            for (int done = 0; done < increments; ) {
                assertThat(++attempts).as("attempts for %d increments: saves keep conflicting", increments)
                        .isLessThanOrEqualTo(increments * 50);
                Checkpoint current = store().load(counter.id()).orElseThrow();
                int value = ByteBuffer.wrap(current.state()).getInt();
                try {
                    store().save(current.toBuilder().state(counterState(value + 1)).build());
                    done++;
                } catch (CheckpointConflictException retry) {
                    // Another worker won this round: reload and try again.
                }
            }
        });
        Checkpoint result = store().load(counter.id()).orElseThrow();
        assertThat(ByteBuffer.wrap(result.state()).getInt()).isEqualTo(THREADS * increments);
        assertThat(result.version()).isEqualTo(1 + THREADS * increments);
    }

    private static byte[] counterState(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    @Test
    void concurrentBlindWritesOfOneIdCountEveryWrite() {
        Checkpoint c = checkpoint(newExecution(), "blind").build();
        Concurrently.run(THREADS, TIMEOUT, worker -> {
            for (int i = 0; i < CALLS; i++) {
                store().save(c.toBuilder().nodeName("w" + worker).build());
            }
        });
        assertThat(store().load(c.id()).orElseThrow().version()).isEqualTo(THREADS * CALLS);
        assertThat(store().list(c.executionId())).hasSize(1);
    }

    @Test
    void readersNeverSeeAPartlyWrittenCheckpoint() {
        Checkpoint c = store().save(checkpoint(newExecution(), "torn").state(uniform(1)).build());
        AtomicBoolean writing = new AtomicBoolean(true);
        Concurrently.run(THREADS, TIMEOUT, worker -> {
            if (worker == 0) {
                try {
                    for (int v = 2; v <= CALLS; v++) {
                        store().save(c.toBuilder().version(0).state(uniform(v))
                                .putMetadata("v", Integer.toString(v)).build());
                    }
                } finally {
                    writing.set(false);
                }
                return;
            }
            while (writing.get()) {
                Checkpoint read = store().load(c.id()).orElseThrow();
                byte[] state = read.state();
                assertThat(state).hasSize(4096);
                assertThat(state).as("state bytes all from one write").containsOnly(state[0]);
                assertThat(read.version()).as("version of state %d", state[0]).isEqualTo((long) state[0]);
                String expected = state[0] == 1 ? null : Integer.toString(state[0]);
                assertThat(read.metadata().get("v")).isEqualTo(expected);
            }
        });
        assertThat(store().load(c.id()).orElseThrow().version()).isEqualTo(CALLS);
    }

    private static byte[] uniform(int value) {
        byte[] state = new byte[4096];
        Arrays.fill(state, (byte) value);
        return state;
    }

    @Test
    void concurrentDeletesRemoveEachCheckpointOnce() {
        String execution = executionWith("d", CALLS);
        AtomicInteger removed = new AtomicInteger();
        Concurrently.run(THREADS, TIMEOUT, worker -> {
            for (int i = 0; i < CALLS; i++) {
                if (store().delete(id("d_" + i))) {
                    removed.incrementAndGet();
                }
            }
        });
        assertThat(removed.get()).isEqualTo(CALLS);
        assertThat(store().list(execution)).isEmpty();
    }

    @Test
    void listDuringConcurrentSavesIsOrderedWithoutDuplicates() {
        String execution = newExecution();
        AtomicBoolean saving = new AtomicBoolean(true);
        Concurrently.run(THREADS, TIMEOUT, worker -> {
            if (worker == 0) {
                try {
                    for (int i = 0; i < CALLS * 2; i++) {
                        saveAt(execution, String.format("s%03d", i), i % 7);
                    }
                } finally {
                    saving.set(false);
                }
                return;
            }
            while (saving.get()) {
                List<Checkpoint> listed = store().list(execution);
                assertThat(listed).isSortedAccordingTo(Checkpoint.ORDER);
                assertThat(ids(listed)).doesNotHaveDuplicates();
            }
        });
        assertThat(store().list(execution)).hasSize(CALLS * 2);
    }

    @Test
    void concurrentTrimsRemoveEachCheckpointOnce() {
        String execution = executionWith("t", CALLS);
        AtomicInteger removed = new AtomicInteger();
        Concurrently.run(THREADS, TIMEOUT, worker -> removed.addAndGet(store().trim(execution, 2)));
        assertThat(removed.get()).isEqualTo(CALLS - 2);
        assertThat(listedIds(execution)).containsExactly(id("t_" + (CALLS - 2)), id("t_" + (CALLS - 1)));
    }

    @Test
    void clearRacingSavesInOtherExecutionsLosesNothingThere() {
        String cleared = newExecution();
        String[] kept = new String[THREADS - 1];
        for (int w = 0; w < kept.length; w++) {
            kept[w] = newExecution();
        }
        saveSeries(cleared, "c", CALLS);
        Concurrently.run(THREADS, TIMEOUT, worker -> {
            if (worker == THREADS - 1) {
                for (int i = 0; i < 5; i++) {
                    store().clear(cleared);
                }
                return;
            }
            for (int i = 0; i < CALLS; i++) {
                saveAt(kept[worker], "k" + worker + "-" + i, i);
            }
        });
        assertThat(store().list(cleared)).isEmpty();
        for (String execution : kept) {
            assertThat(store().list(execution)).hasSize(CALLS);
        }
    }
}
