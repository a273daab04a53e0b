package io.checkpointkit.encryption;

import static io.checkpointkit.encryption.TestKeys.K1;
import static io.checkpointkit.encryption.TestKeys.K2;
import static io.checkpointkit.encryption.TestKeys.K3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.ForwardingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The reencrypt pass: what it moves, what it reports, how it resumes, and what it never overwrites. */
class ReencryptTest {

    private final Hooked raw = new Hooked(MemoryCheckpointStore.create());

    @Test
    void movesEveryOldStateToTheNewestKeyAndReportsEachExecution() {
        TestKeys.encrypting(raw, K1).save(checkpoint("e1", "a", "one"));
        TestKeys.encrypting(raw, K1, K2).save(checkpoint("e1", "b", "two"));
        TestKeys.encrypting(raw, K1, K2).save(checkpoint("e2", "c", "three"));
        EncryptingCheckpointStore store = TestKeys.encrypting(raw, K1, K2, K3);
        store.save(checkpoint("e3", "d", "four"));
        List<String> done = new ArrayList<>();
        ReencryptSummary summary = store.reencrypt(new ReencryptListener() {
            @Override
            public void executionDone(String executionId, ReencryptSummary soFar) {
                done.add(executionId + ":" + soFar.rewritten());
            }
        });
        assertThat(done).containsExactly("e1:2", "e2:3", "e3:3");
        assertThat(summary).isEqualTo(new ReencryptSummary("k3", 3, 4, 3, 1, 0, 0, 0, java.util.Optional.of("e3")));
        assertThat(List.of("a", "b", "c", "d")).allSatisfy(id -> assertThat(keyIdOf(id)).isEqualTo("k3"));
        EncryptingCheckpointStore onlyNewest = TestKeys.encrypting(raw, K3);
        assertThat(stateOf(onlyNewest, "c")).isEqualTo("three");
        assertThat(onlyNewest.load("a").orElseThrow().version()).isEqualTo(2);
        assertThat(onlyNewest.load("d").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void keepsEveryFieldButTheStateAndBumpsTheVersion() {
        Checkpoint original = TestKeys.encrypting(raw, K1).save(Checkpoint.builder("e").id("x").parentId("p")
                .nodeName("node").metadata(Map.of("step", "3")).state(new byte[] {1, 2, 3}).build());
        EncryptingCheckpointStore store = TestKeys.encrypting(raw, K1, K2);
        store.reencrypt(ReencryptListener.NONE);
        assertThat(store.load("x")).contains(original.withVersion(2));
    }

    @Test
    void resumesAfterTheLastExecutionReported() {
        for (int e = 0; e < 5; e++) {
            TestKeys.encrypting(raw, K1).save(checkpoint("e" + e, "c" + e, "s" + e));
        }
        EncryptingCheckpointStore store = TestKeys.encrypting(raw, K1, K2);
        List<String> reported = new ArrayList<>();
        assertThatThrownBy(() -> store.reencrypt(new ReencryptListener() {
            @Override
            public void executionDone(String executionId, ReencryptSummary soFar) {
                reported.add(executionId);
                if (reported.size() == 2) {
                    throw new IllegalStateException("interrupted");
                }
            }
        })).hasMessage("interrupted");
        assertThat(keyIdOf("c2")).isEqualTo("k1");
        ReencryptSummary rest = store.reencrypt(reported.get(1), ReencryptListener.NONE);
        assertThat(rest.executions()).isEqualTo(3);
        assertThat(rest.checkpoints()).isEqualTo(3);
        assertThat(List.of("c0", "c1", "c2", "c3", "c4")).allSatisfy(id -> assertThat(keyIdOf(id)).isEqualTo("k2"));
    }

    @Test
    void readsInBatchesAndStartsAgainWhenTheCursorIsDeleted() {
        EncryptingCheckpointStore old = TestKeys.encrypting(raw, K1);
        for (int i = 0; i < 7; i++) {
            old.save(checkpoint("e", "c" + i, "s" + i));
        }
        EncryptingCheckpointStore store = EncryptingCheckpointStore.wrap(raw,
                TestKeys.config(K1, K2).toBuilder().reencryptBatchSize(2).build());
        AtomicBoolean deleted = new AtomicBoolean();
        raw.beforeList = query -> {
            if ("c3".equals(query.after().orElse(null)) && deleted.compareAndSet(false, true)) {
                raw.delete("c3");
            }
        };
        ReencryptSummary summary = store.reencrypt(ReencryptListener.NONE);
        assertThat(summary.rewritten()).isEqualTo(7); // c3 was moved before it was deleted
        assertThat(summary.current()).isEqualTo(3); // c0..c2 read again after the restart
        assertThat(List.of("c0", "c1", "c2", "c4", "c5", "c6")).allSatisfy(id -> assertThat(keyIdOf(id)).isEqualTo("k2"));
    }

    @Test
    void aWriteBetweenTheReadAndTheRewriteWins() {
        TestKeys.encrypting(raw, K1).save(checkpoint("e", "x", "old"));
        EncryptingCheckpointStore store = TestKeys.encrypting(raw, K1, K2);
        EncryptingCheckpointStore staleWriter = TestKeys.encrypting(raw.delegateStore(), K1);
        raw.beforeConditionalSave = c -> {
            raw.beforeConditionalSave = null;
            staleWriter.save(checkpoint("e", "x", "written meanwhile"));
        };
        ReencryptSummary summary = store.reencrypt(ReencryptListener.NONE);
        assertThat(stateOf(store, "x")).isEqualTo("written meanwhile");
        assertThat(keyIdOf("x")).isEqualTo("k2"); // read again, and moved in a second attempt
        assertThat(summary.rewritten()).isEqualTo(1);
        assertThat(store.load("x").orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void aCheckpointDeletedBeforeTheRewriteIsNotBroughtBack() {
        TestKeys.encrypting(raw, K1).save(checkpoint("e", "x", "old"));
        EncryptingCheckpointStore store = TestKeys.encrypting(raw, K1, K2);
        raw.beforeConditionalSave = c -> raw.delegateStore().delete(c.id());
        ReencryptSummary summary = store.reencrypt(ReencryptListener.NONE);
        assertThat(store.load("x")).isEmpty();
        assertThat(summary.gone()).isEqualTo(1);
        assertThat(summary.rewritten()).isZero();
    }

    @Test
    void unreadableCheckpointsAreReportedAndLeftAsTheyAre() {
        TestKeys.encrypting(raw, EncryptionKey.generate("lost")).save(checkpoint("e", "orphan", "x"));
        TestKeys.encrypting(raw, K1).save(checkpoint("e", "fine", "y"));
        byte[] before = raw.load("orphan").orElseThrow().state();
        List<String> reported = new ArrayList<>();
        ReencryptSummary summary = TestKeys.encrypting(raw, K1, K2).reencrypt(new ReencryptListener() {
            @Override
            public void checkpointUnreadable(CheckpointCorruptedException error) {
                reported.add(error.checkpointId());
            }
        });
        assertThat(reported).containsExactly("orphan");
        assertThat(summary.unreadable()).isEqualTo(1);
        assertThat(summary.complete()).isFalse();
        assertThat(raw.load("orphan").orElseThrow().state()).isEqualTo(before);
        assertThat(keyIdOf("fine")).isEqualTo("k2");
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        int writers = 4;
        int rounds = 200;
        EncryptingCheckpointStore old = TestKeys.encrypting(raw, K1);
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < 20; i++) {
                old.save(checkpoint("e" + w, "w" + w + "-" + i, "initial"));
            }
        }
        EncryptingCheckpointStore store = TestKeys.encrypting(raw, K1, K2);
        Map<String, String> lastWritten = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            EncryptingCheckpointStore own = TestKeys.encrypting(raw, K1); // a process that has not seen k2 yet
            Thread t = new Thread(() -> {
                await(start);
                for (int r = 0; r < rounds; r++) {
                    String id = "w" + writer + "-" + (r % 20);
                    String value = "round " + r;
                    own.save(checkpoint("e" + writer, id, value));
                    lastWritten.put(id, value);
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        store.reencrypt(ReencryptListener.NONE);
        for (Thread t : threads) {
            t.join();
        }
        lastWritten.forEach((id, value) -> assertThat(stateOf(store, id)).as(id).isEqualTo(value));
        ReencryptSummary second = store.reencrypt(ReencryptListener.NONE);
        assertThat(second.complete()).isTrue();
        assertThat(second.checkpoints()).isEqualTo(writers * 20L);
        lastWritten.forEach((id, value) -> assertThat(keyIdOf(id)).isEqualTo("k2"));
    }

    @Test
    void badArgumentsFailFirst() {
        EncryptingCheckpointStore store = TestKeys.encrypting(raw, K1);
        assertThatThrownBy(() -> store.reencrypt(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.reencrypt("bad\u0000id", ReencryptListener.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String keyIdOf(String id) {
        return StateCipher.keyIdOf(id, raw.load(id).orElseThrow().state());
    }

    private static Checkpoint checkpoint(String execution, String id, String state) {
        return Checkpoint.builder(execution).id(id).state(state.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String stateOf(CheckpointStore store, String id) {
        return new String(store.load(id).orElseThrow().state(), StandardCharsets.UTF_8);
    }

    /** The memory store with hooks that let a test act between the pass's read and its write. */
    static final class Hooked extends ForwardingCheckpointStore {
        volatile Consumer<Checkpoint> beforeConditionalSave;
        volatile Consumer<CheckpointQuery> beforeList;

        Hooked(CheckpointStore delegate) {
            super(delegate);
        }

        CheckpointStore delegateStore() {
            return delegate();
        }

        @Override
        public Checkpoint save(Checkpoint checkpoint) {
            Consumer<Checkpoint> hook = beforeConditionalSave;
            if (hook != null && checkpoint.version() > 0) {
                hook.accept(checkpoint);
            }
            return super.save(checkpoint);
        }

        @Override
        public List<Checkpoint> list(String executionId, CheckpointQuery query) {
            Consumer<CheckpointQuery> hook = beforeList;
            if (hook != null) {
                hook.accept(query);
            }
            return super.list(executionId, query);
        }
    }
}
