package io.checkpointkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The shell of {@link AbstractCheckpointStore}: what it checks before a storage step runs, and
 * its default steps. The whole contract over a subclass is checked by the TCK.
 */
class AbstractCheckpointStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Implements only the abstract steps, on a map, and records every step that ran. */
    static final class RecordingStore extends AbstractCheckpointStore {
        final List<String> steps = new ArrayList<>();
        final AtomicInteger closes = new AtomicInteger();
        private final Map<String, Checkpoint> byId = new HashMap<>();

        @Override
        protected synchronized Checkpoint doSave(Checkpoint checkpoint) {
            steps.add("save");
            Checkpoint stored = checkpoint.withVersion(checkpoint.version() + 1);
            byId.put(stored.id(), stored);
            return stored;
        }

        @Override
        protected synchronized Optional<Checkpoint> doLoad(String checkpointId) {
            steps.add("load");
            return Optional.ofNullable(byId.get(checkpointId));
        }

        @Override
        protected synchronized List<Checkpoint> doList(String executionId) {
            steps.add("list");
            List<Checkpoint> all = new ArrayList<>();
            for (Checkpoint c : byId.values()) {
                if (c.executionId().equals(executionId)) {
                    all.add(c);
                }
            }
            all.sort(Checkpoint.ORDER);
            return all;
        }

        @Override
        protected synchronized boolean doDelete(String checkpointId) {
            steps.add("delete");
            return byId.remove(checkpointId) != null;
        }

        @Override
        protected synchronized int doClear(String executionId) {
            steps.add("clear");
            int before = byId.size();
            byId.values().removeIf(c -> c.executionId().equals(executionId));
            return before - byId.size();
        }

        @Override
        protected void doClose() {
            closes.incrementAndGet();
        }

        @Override
        public String toString() {
            return "RecordingStore{test}";
        }
    }

    private final RecordingStore store = new RecordingStore();

    private static Checkpoint cp(String id, int second) {
        return Checkpoint.builder("e").id(id).timestamp(T0.plusSeconds(second)).build();
    }

    private static Checkpoint pinned(String id, int second) {
        return cp(id, second).toBuilder().putMetadata("pinned", "true").build();
    }

    private void saveAll(Checkpoint... checkpoints) {
        for (Checkpoint c : checkpoints) {
            store.save(c);
        }
        store.steps.clear();
    }

    /** Checks that every call with an illegal id throws before any storage step runs. */
    private void assertRejectsIds(Consumer<String> call) {
        assertThatThrownBy(() -> call.accept(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> call.accept("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> call.accept("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.steps).isEmpty();
    }

    @Test
    void illegalIdsAreRejectedBeforeAnyStep() {
        assertRejectsIds(store::load);
        assertRejectsIds(store::list);
        assertRejectsIds(store::delete);
        assertRejectsIds(store::clear);
        assertRejectsIds(store::latest);
        assertRejectsIds(id -> store.list(id, CheckpointQuery.all()));
        assertRejectsIds(id -> store.trim(id, 1));
        assertRejectsIds(id -> store.clearIfIdleSince(id, T0));
        assertThatThrownBy(() -> store.executions("a\u0000", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("afterExecutionId");
        assertThat(store.steps).isEmpty();
    }

    @Test
    void nullsAndBadNumbersAreRejectedWithTheirNamesBeforeAnyStep() {
        assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("checkpoint must not be null");
        assertThatThrownBy(() -> store.list("e", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("query must not be null");
        assertThatThrownBy(() -> store.clearIfIdleSince("e", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("cutoff must not be null");
        assertThatThrownBy(() -> store.trim("e", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keepLatest must not be negative, was -1");
        assertThatThrownBy(() -> store.executions(null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be at least 1, was 0");
        assertThat(store.steps).isEmpty();
    }

    @Test
    void argumentsAreCheckedBeforeTheClosedGuard() {
        store.close();
        assertThatThrownBy(() -> store.load("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.trim("e", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void everyMethodButCloseIsRefusedAfterCloseWithOneMessage() {
        saveAll(cp("a", 1));
        store.close();
        List<ThrowingCallable> calls = List.of(
                () -> store.save(cp("b", 2)), () -> store.load("a"), () -> store.list("e"),
                () -> store.delete("a"), () -> store.clear("e"), () -> store.latest("e"),
                () -> store.list("e", CheckpointQuery.builder().limit(0).build()),
                () -> store.list("e", CheckpointQuery.builder().newestFirst(true).build()),
                () -> store.trim("e", 0), () -> store.executions(null, 1),
                () -> store.clearIfIdleSince("e", T0), store::capabilities);
        for (ThrowingCallable call : calls) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the store is closed: RecordingStore{test}");
        }
        assertThat(store.steps).isEmpty();
    }

    @Test
    void closeRunsDoCloseOnceHoweverManyThreadsClose() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> closes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                closes.add(threads.submit(() -> {
                    start.await();
                    store.close();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> close : closes) {
                close.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        store.close();
        assertThat(store.closes).hasValue(1);
        assertThat(store.isClosed()).isTrue();
    }

    @Test
    void limitZeroReturnsANewMutableListWithoutAnyStep() {
        saveAll(cp("a", 1));
        List<Checkpoint> none = store.list("e", CheckpointQuery.builder().limit(0).after("a").build());
        assertThat(none).isEmpty();
        none.add(cp("x", 1));
        assertThat(store.steps).isEmpty();
    }

    @Test
    void aQueryWithoutBoundsIsAPlainList() {
        saveAll(cp("a", 1), cp("b", 2));
        assertThat(store.list("e", CheckpointQuery.all())).extracting(Checkpoint::id).containsExactly("a", "b");
        assertThat(store.steps).containsExactly("list");
    }

    @Test
    void defaultQueryStepFiltersTheListAndAnUnknownCursorSelectsNothing() {
        saveAll(cp("a", 1), cp("b", 2), cp("c", 3));
        assertThat(store.list("e", CheckpointQuery.builder().newestFirst(true).limit(2).build()))
                .extracting(Checkpoint::id).containsExactly("c", "b");
        assertThat(store.list("e", CheckpointQuery.builder().after("a").before("c").build()))
                .extracting(Checkpoint::id).containsExactly("b");
        assertThat(store.list("e", CheckpointQuery.builder().after("unknown").build())).isEmpty();
        assertThat(store.list("e", CheckpointQuery.builder().before("unknown").build())).isEmpty();
    }

    @Test
    void defaultLatestIsTheLastOfTheList() {
        assertThat(store.latest("e")).isEmpty();
        saveAll(cp("b", 1), cp("a", 1), cp("c", 0));
        assertThat(store.latest("e")).map(Checkpoint::id).contains("b");
        assertThat(store.steps).containsExactly("list");
    }

    @Test
    void defaultTrimKeepsTheNewestUnpinnedAndEveryPinnedOne() {
        saveAll(pinned("p", 0), cp("a", 1), cp("b", 2), cp("c", 3));
        assertThat(store.trim("e", 1)).isEqualTo(2);
        assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("p", "c");
        assertThat(store.trim("e", 0)).isEqualTo(1);
        assertThat(store.trim("e", 5)).isZero();
        assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("p");
    }

    @Test
    void executionsAndConditionalClearAreUnsupportedByDefault() {
        assertThatThrownBy(() -> store.executions(null, 10)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining(RecordingStore.class.getName()).hasMessageContaining("cannot list executions")
                .hasMessageEndingWith("does not override doExecutions()");
        assertThatThrownBy(() -> store.clearIfIdleSince("e", T0)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot clear an execution conditionally")
                .hasMessageEndingWith("does not override doClearIfIdleSince()");
    }

    @Test
    void capabilitiesAreNoneByDefault() {
        assertThat(store.capabilities()).isEmpty();
    }
}
