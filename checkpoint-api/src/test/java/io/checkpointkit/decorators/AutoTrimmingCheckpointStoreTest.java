package io.checkpointkit.decorators;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStoreUnavailableException;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoTrimmingCheckpointStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Executor DIRECT = Runnable::run;

    private final FakeStore store = new FakeStore();

    /** An executor that runs its tasks only when told to. */
    private static final class ManualExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        synchronized void runAll() {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
    }

    private static Checkpoint checkpoint(String executionId, int n) {
        return Checkpoint.builder(executionId).id(executionId + "-" + n).timestamp(T0.plusSeconds(n)).build();
    }

    private static void save(AutoTrimmingCheckpointStore trimming, String executionId, int from, int to) {
        for (int n = from; n < to; n++) {
            trimming.save(checkpoint(executionId, n));
        }
    }

    @Test
    void trimsAnExecutionEachTimeItReachesTheThreshold() {
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(2).threshold(3).executor(DIRECT).build());
        save(trimming, "e", 0, 2);
        assertThat(store.list("e")).hasSize(2);

        save(trimming, "e", 2, 3);
        assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("e-1", "e-2");
        save(trimming, "e", 3, 6);

        assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("e-4", "e-5");
        assertThat(trimming.stats()).isEqualTo(new AutoTrimStats(2, 4, 0, 0, 0));
    }

    @Test
    void trimKeepsPinnedCheckpoints() {
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(1).threshold(3).executor(DIRECT).build());
        trimming.save(checkpoint("e", 0).toBuilder().putMetadata(Checkpoint.PINNED_KEY, "true").build());
        save(trimming, "e", 1, 3);

        assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("e-0", "e-2");
    }

    @Test
    void anExecutionIsQueuedOnceUntilItsTrimStarts() {
        ManualExecutor executor = new ManualExecutor();
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(1).threshold(2).executor(executor).build());
        save(trimming, "e", 0, 6); // three thresholds reached, one request queued

        assertThat(trimming.stats().queueDepth()).isEqualTo(1);
        executor.runAll();
        assertThat(trimming.stats()).isEqualTo(new AutoTrimStats(1, 5, 0, 0, 0));
        assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("e-5");
    }

    @Test
    void aFullQueueDropsTheRequestAndTheNextThresholdAsksAgain() {
        ManualExecutor executor = new ManualExecutor();
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(0).threshold(1).queueCapacity(1).executor(executor).build());
        trimming.save(checkpoint("a", 0));
        trimming.save(checkpoint("b", 0));

        assertThat(trimming.stats().droppedRequests()).isEqualTo(1);
        assertThat(trimming.stats().queueDepth()).isEqualTo(1);
        executor.runAll();
        assertThat(store.list("b")).hasSize(1);
        trimming.save(checkpoint("b", 1));
        executor.runAll();
        assertThat(store.list("b")).isEmpty();
        assertThat(trimming.stats().trimsRun()).isEqualTo(2);
    }

    @Test
    void savesAreNotBlockedByASlowTrim() throws Exception {
        CountDownLatch trimStarted = new CountDownLatch(1);
        CountDownLatch releaseTrim = new CountDownLatch(1);
        store.onCall((operation, argument) -> {
            if (operation.equals("trim")) {
                trimStarted.countDown();
                await(releaseTrim);
            }
        });
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(1).threshold(1).build());
        try {
            trimming.save(checkpoint("e", 0));
            assertThat(trimStarted.await(10, TimeUnit.SECONDS)).isTrue();

            // The worker is stuck in trim; every save still completes on this thread.
            save(trimming, "e", 1, 200);
            assertThat(store.list("e")).hasSize(200);
            assertThat(trimming.stats().trimsRun()).isZero();
            assertThat(trimming.stats().queueDepth()).isEqualTo(1);
        } finally {
            releaseTrim.countDown();
            trimming.close();
        }
        assertThat(trimming.stats().trimsRun()).isEqualTo(2);
    }

    @Test
    void aFailingTrimIsCountedAndNeverThrownIntoSave() {
        AtomicInteger failingTrims = new AtomicInteger(2);
        store.onCall((operation, argument) -> {
            if (operation.equals("trim") && failingTrims.getAndDecrement() > 0) {
                throw new CheckpointStoreUnavailableException("trim failed");
            }
        });
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(1).threshold(1).executor(DIRECT).build());
        save(trimming, "e", 0, 3);

        assertThat(trimming.stats().failures()).isEqualTo(2);
        assertThat(trimming.stats().trimsRun()).isEqualTo(1);
        assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("e-2");
    }

    @Test
    void aFailedSaveDoesNotCount() {
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(0).threshold(2).executor(DIRECT).build());
        trimming.save(checkpoint("e", 0));
        store.failWith(op -> new CheckpointStoreUnavailableException("down"));
        assertThatThrownBy(() -> trimming.save(checkpoint("e", 1)))
                .isInstanceOf(CheckpointStoreUnavailableException.class);
        store.succeed();

        assertThat(trimming.stats().trimsRun()).isZero();
        trimming.save(checkpoint("e", 1));
        assertThat(trimming.stats().trimsRun()).isEqualTo(1);
    }

    @Test
    void clearForgetsTheExecutionsCounter() {
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(0).threshold(2).executor(DIRECT).build());
        trimming.save(checkpoint("e", 0));
        assertThat(trimming.clear("e")).isEqualTo(1);
        trimming.save(checkpoint("e", 1));

        assertThat(trimming.stats().trimsRun()).isZero();
        assertThat(store.list("e")).hasSize(1);
    }

    @Test
    void closeDrainsQueuedTrims() throws Exception {
        CountDownLatch firstTrimStarted = new CountDownLatch(1);
        CountDownLatch releaseTrims = new CountDownLatch(1);
        store.onCall((operation, argument) -> {
            if (operation.equals("trim")) {
                firstTrimStarted.countDown();
                await(releaseTrims);
            }
        });
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(0).threshold(1).onClose(AutoTrimConfig.OnClose.DRAIN).build());
        trimming.save(checkpoint("a", 0));
        assertThat(firstTrimStarted.await(10, TimeUnit.SECONDS)).isTrue();
        trimming.save(checkpoint("b", 0));
        trimming.save(checkpoint("c", 0));

        Thread closer = new Thread(trimming::close);
        closer.start();
        releaseTrims.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(closer.isAlive()).isFalse();
        assertThat(trimming.stats()).isEqualTo(new AutoTrimStats(3, 3, 0, 0, 0));
        assertThat(store.isClosed()).isTrue();
    }

    @Test
    void closeCanDropQueuedTrims() {
        ManualExecutor executor = new ManualExecutor();
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().keepLatest(0).threshold(1).executor(executor)
                        .onClose(AutoTrimConfig.OnClose.DROP).closeTimeout(Duration.ZERO).build());
        trimming.save(checkpoint("a", 0));
        trimming.save(checkpoint("b", 0));
        trimming.save(checkpoint("c", 0));

        trimming.close();
        executor.runAll(); // the drain task submitted before close finds nothing left

        assertThat(trimming.stats()).isEqualTo(new AutoTrimStats(0, 0, 0, 3, 0));
        assertThat(store.isClosed()).isTrue();
    }

    @Test
    void closeGivesUpAfterTheTimeoutAndClosesTheStore() {
        ManualExecutor neverRuns = new ManualExecutor();
        AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(store,
                AutoTrimConfig.builder().threshold(1).executor(neverRuns).closeTimeout(Duration.ZERO).build());
        trimming.save(checkpoint("a", 0));
        trimming.close();
        trimming.close();

        assertThat(trimming.stats().droppedRequests()).isEqualTo(1);
        assertThat(store.isClosed()).isTrue();
        assertThatThrownBy(() -> trimming.save(checkpoint("a", 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void configValidationNamesTheField() {
        assertThatThrownBy(() -> AutoTrimConfig.builder().keepLatest(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepLatest");
        assertThatThrownBy(() -> AutoTrimConfig.builder().threshold(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> AutoTrimConfig.builder().queueCapacity(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> AutoTrimConfig.builder().closeTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeTimeout");
        assertThatThrownBy(() -> AutoTrimConfig.builder().executor(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("executor");
        AutoTrimConfig defaults = AutoTrimConfig.defaults();
        assertThat(defaults.keepLatest()).isEqualTo(AutoTrimConfig.DEFAULT_KEEP_LATEST);
        assertThat(defaults.threshold()).isEqualTo(AutoTrimConfig.DEFAULT_THRESHOLD);
        assertThat(defaults.executor()).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
