package io.checkpointkit.retention;

import io.checkpointkit.decorators.FakeClock;
import io.checkpointkit.decorators.FakeStore;
import io.checkpointkit.decorators.ForwardingCheckpointStore;

import io.checkpointkit.Checkpoint;
import java.util.Optional;
import io.checkpointkit.UnreadableExecution;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.spi.Ids;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionSweeperTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private final FakeClock clock = new FakeClock(NOW);
    private final FakeStore store = new FakeStore(clock);

    /** Saves {@code count} checkpoints, the latest {@code age} before NOW, and written then. */
    private void execution(String executionId, int count, Duration age) {
        for (int n = 0; n < count; n++) {
            Instant at = NOW.minus(age).minusSeconds(count - 1 - n);
            clock.set(at);
            store.save(Checkpoint.builder(executionId).id(executionId + "/" + n).timestamp(at).build());
        }
        clock.set(NOW);
    }

    @Test
    void trimsEveryExecutionAcrossPages() {
        for (int e = 0; e < 5; e++) {
            execution("exec-" + e, 2 + e, Duration.ofMinutes(1));
        }
        SweepSummary summary = RetentionSweeper.builder(store, RetentionPolicy.keepLatest(3))
                .pageSize(2).clock(clock).build().sweepOnce();

        assertThat(summary).isEqualTo(new SweepSummary(5, 3, 0, 1 + 2 + 3, 0, true));
        for (int e = 0; e < 5; e++) {
            assertThat(store.list("exec-" + e)).hasSize(Math.min(3, 2 + e));
        }
        assertThat(store.list("exec-4")).extracting(Checkpoint::id).containsExactly("exec-4/3", "exec-4/4", "exec-4/5");
    }

    @Test
    void clearsExecutionsIdleLongerThanTheMaximumAge() {
        execution("fresh", 3, Duration.ofDays(6));
        execution("stale", 4, Duration.ofDays(8));
        clock.set(NOW.minus(Duration.ofDays(30)));
        store.save(Checkpoint.builder("stale-pinned").id("p").putMetadata(Checkpoint.PINNED_KEY, "true")
                .timestamp(NOW.minus(Duration.ofDays(30))).build());
        clock.set(NOW);
        RetentionSweeper sweeper = RetentionSweeper.builder(store,
                RetentionPolicy.keepLatest(1).clearIdleAfter(Duration.ofDays(7))).clock(clock).build();

        SweepSummary summary = sweeper.sweepOnce();

        assertThat(summary).isEqualTo(new SweepSummary(3, 1, 2, 2 + 4 + 1, 0, true));
        assertThat(store.list("fresh")).hasSize(1);
        assertThat(store.list("stale")).isEmpty();
        assertThat(store.list("stale-pinned")).isEmpty();
        assertThat(sweeper.lastSummary()).contains(summary);
    }

    @Test
    void anExecutionThatResumedAfterItsPageWasReadIsNotCleared() {
        execution("resumed", 2, Duration.ofDays(8));
        execution("idle", 2, Duration.ofDays(8));
        Checkpoint resumedNow = Checkpoint.builder("resumed").id("resumed/new").timestamp(NOW).build();
        // The page says both are idle; "resumed" gets a new checkpoint right after it was read.
        CheckpointStore stalePages = new ForwardingCheckpointStore(store) {
            @Override
            public ExecutionPage executions(String afterExecutionId, int limit) {
                ExecutionPage page = super.executions(afterExecutionId, limit);
                store.save(resumedNow);
                return page;
            }
        };
        SweepSummary summary = RetentionSweeper.builder(stalePages,
                RetentionPolicy.keepAll().clearIdleAfter(Duration.ofDays(7))).clock(clock).build().sweepOnce();

        assertThat(summary.executionsCleared()).isEqualTo(1);
        assertThat(store.list("idle")).isEmpty();
        assertThat(store.list("resumed")).extracting(Checkpoint::id)
                .containsExactly("resumed/0", "resumed/1", "resumed/new");
    }

    /** Issue 12, item 9a: a write that lands after the sweeper decided to clear is never deleted. */
    @Test
    void aSaveRightAfterTheSweeperDecidedToClearIsNotDeleted() {
        execution("resumed", 2, Duration.ofDays(8));
        Checkpoint resumedNow = Checkpoint.builder("resumed").id("resumed/new").timestamp(NOW).build();
        // The run resumes right after the sweeper's last look at the execution, before it removes.
        CheckpointStore racing = new ForwardingCheckpointStore(store) {
            @Override
            public Optional<Checkpoint> latest(String executionId) {
                Optional<Checkpoint> latest = super.latest(executionId);
                store.save(resumedNow);
                return latest;
            }

            @Override
            public int clearIfIdleSince(String executionId, Instant cutoff) {
                store.save(resumedNow);
                return super.clearIfIdleSince(executionId, cutoff);
            }
        };
        SweepSummary summary = RetentionSweeper.builder(racing,
                RetentionPolicy.keepAll().clearIdleAfter(Duration.ofDays(7))).clock(clock).build().sweepOnce();

        assertThat(summary.executionsCleared()).isZero();
        assertThat(store.list("resumed")).extracting(Checkpoint::id)
                .containsExactly("resumed/0", "resumed/1", "resumed/new");
    }

    /** Issue 12, item 9b: idle means not written, whatever the timestamps of the checkpoints say. */
    @Test
    void aRunResumedByUpdatingItsOldCheckpointInPlaceIsNotCleared() {
        execution("resumed", 2, Duration.ofDays(30));
        execution("idle", 2, Duration.ofDays(30));
        Checkpoint latest = store.latest("resumed").orElseThrow();
        Checkpoint updated = store.save(latest.toBuilder().state(new byte[] {1}).build()); // keeps its timestamp
        RetentionSweeper sweeper = RetentionSweeper.builder(store,
                RetentionPolicy.keepAll().clearIdleAfter(Duration.ofDays(7))).clock(clock).build();

        SweepSummary summary = sweeper.sweepOnce();

        assertThat(updated.timestamp()).isEqualTo(latest.timestamp());
        assertThat(summary.executionsCleared()).isEqualTo(1);
        assertThat(store.list("idle")).isEmpty();
        assertThat(store.list("resumed")).hasSize(2).contains(updated);
    }

    @Test
    void aDeleteCountsAsAWrite() {
        execution("e", 3, Duration.ofDays(30));
        store.delete("e/2");

        SweepSummary summary = RetentionSweeper.builder(store,
                RetentionPolicy.keepAll().clearIdleAfter(Duration.ofDays(7))).clock(clock).build().sweepOnce();

        assertThat(summary.executionsCleared()).isZero();
        assertThat(store.list("e")).hasSize(2);
    }

    /** Issue 12, item 3: an execution the store cannot read is reported and the sweep goes on. */
    @Test
    void anUnreadableExecutionIsReportedAndTheSweepGoesOnPastIt() {
        execution("a", 3, Duration.ZERO);
        execution("b", 3, Duration.ZERO);
        execution("c", 3, Duration.ZERO);
        store.markUnreadable("b");
        List<String> told = new ArrayList<>();
        SweepListener listener = new SweepListener() {
            @Override
            public void unreadable(UnreadableExecution execution) {
                told.add("unreadable " + execution.executionId());
            }

            @Override
            public void trimmed(ExecutionInfo execution, long removed) {
                told.add("trimmed " + execution.executionId() + " " + removed);
            }
        };

        SweepSummary summary = RetentionSweeper.builder(store, RetentionPolicy.keepLatest(1)).pageSize(1)
                .clock(clock).listener(listener).build().sweepOnce();

        assertThat(summary).isEqualTo(new SweepSummary(2, 2, 0, 4, 0, true, 1,
                List.of(new UnreadableExecution("b", "marked unreadable"))));
        assertThat(told).containsExactly("trimmed a 2", "unreadable b", "trimmed c 2");
    }

    @Test
    void aDryRunReportsWhatItWouldRemoveAndRemovesNothing() {
        execution("idle", 3, Duration.ofDays(8));
        execution("busy", 4, Duration.ZERO);
        List<String> told = new ArrayList<>();
        SweepListener listener = new SweepListener() {
            @Override
            public void cleared(ExecutionInfo execution, long removed) {
                told.add("cleared " + execution.executionId() + " " + removed);
            }

            @Override
            public void trimmed(ExecutionInfo execution, long removed) {
                told.add("trimmed " + execution.executionId() + " " + removed);
            }
        };

        SweepSummary summary = RetentionSweeper.builder(store,
                RetentionPolicy.keepLatest(1).clearIdleAfter(Duration.ofDays(7)))
                .clock(clock).listener(listener).dryRun(true).build().sweepOnce();

        assertThat(summary).isEqualTo(new SweepSummary(2, 1, 1, 3 + 3, 0, true));
        assertThat(told).containsExactly("trimmed busy 3", "cleared idle 3");
        assertThat(store.list("idle")).hasSize(3);
        assertThat(store.list("busy")).hasSize(4);
    }

    @Test
    void idleAgeFollowsTheInjectedClock() {
        execution("e", 2, Duration.ofHours(1));
        RetentionSweeper sweeper = RetentionSweeper.builder(store,
                RetentionPolicy.keepAll().clearIdleAfter(Duration.ofHours(2))).clock(clock).build();

        assertThat(sweeper.sweepOnce().executionsCleared()).isZero();
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(sweeper.sweepOnce().executionsCleared()).isEqualTo(1);
        assertThat(store.list("e")).isEmpty();
    }

    @Test
    void hostileExecutionIdsAreSweptLikeAnyOther() {
        List<String> hostile = List.of("it's", "\"quoted\"", "{tag}:*", "../..", "100%", "a b", "\uD83D\uDE00",
                "'; DROP TABLE checkpoints; --", "x".repeat(Ids.MAX_LENGTH - 2)); // its checkpoint ids are 512 chars
        for (String executionId : hostile) {
            execution(executionId, 3, Duration.ZERO);
        }
        SweepSummary summary = RetentionSweeper.builder(store, RetentionPolicy.keepLatest(1)).pageSize(4)
                .clock(clock).build().sweepOnce();

        assertThat(summary).isEqualTo(new SweepSummary(hostile.size(), hostile.size(), 0, 2L * hostile.size(), 0, true));
        for (String executionId : hostile) {
            assertThat(store.list(executionId)).extracting(Checkpoint::id).containsExactly(executionId + "/2");
        }
    }

    @Test
    void aFailureOnOneExecutionDoesNotStopTheSweep() {
        execution("a", 3, Duration.ZERO);
        execution("b", 3, Duration.ZERO);
        execution("c", 3, Duration.ZERO);
        store.onCall((operation, argument) -> {
            if (operation.equals("trim") && "b".equals(argument)) {
                throw new CheckpointStoreUnavailableException("b is unlucky");
            }
        });

        SweepSummary summary = RetentionSweeper.builder(store, RetentionPolicy.keepLatest(1)).pageSize(1)
                .clock(clock).build().sweepOnce();

        assertThat(summary).isEqualTo(new SweepSummary(3, 2, 0, 4, 1, true));
        assertThat(store.list("c")).hasSize(1);
    }

    @Test
    void aFailedPageEndsTheSweepIncomplete() {
        execution("a", 3, Duration.ZERO);
        execution("b", 3, Duration.ZERO);
        store.onCall((operation, argument) -> {
            if (operation.equals("executions") && "a".equals(argument)) {
                throw new CheckpointStoreUnavailableException("page 2 is gone");
            }
        });

        SweepSummary summary = RetentionSweeper.builder(store, RetentionPolicy.keepLatest(1)).pageSize(1)
                .clock(clock).build().sweepOnce();

        assertThat(summary).isEqualTo(new SweepSummary(1, 1, 0, 2, 1, false));
    }

    @Test
    void aStoreThatCannotListExecutionsFailsTheSweep() {
        CheckpointStore noExecutions = new ForwardingCheckpointStore(store) {
            @Override
            public ExecutionPage executions(String afterExecutionId, int limit) {
                throw new UnsupportedOperationException("no executions()");
            }
        };
        assertThatThrownBy(() -> RetentionSweeper.of(noExecutions, RetentionPolicy.keepLatest(1)).sweepOnce())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void scheduledSweepsRunUntilClosed() throws Exception {
        execution("e", 5, Duration.ZERO);
        CountDownLatch twoSweeps = new CountDownLatch(2);
        List<SweepSummary> summaries = new ArrayList<>();
        RetentionSweeper sweeper = RetentionSweeper.builder(store, RetentionPolicy.keepLatest(2)).clock(clock)
                .onSweep(summary -> {
                    synchronized (summaries) {
                        summaries.add(summary);
                    }
                    twoSweeps.countDown();
                })
                .build();
        sweeper.start(Duration.ZERO, Duration.ofMillis(5));
        assertThatThrownBy(() -> sweeper.start(Duration.ofMillis(5))).isInstanceOf(IllegalStateException.class);

        assertThat(twoSweeps.await(10, TimeUnit.SECONDS)).isTrue();
        sweeper.close();
        sweeper.close();

        synchronized (summaries) {
            assertThat(summaries.get(0).checkpointsRemoved()).isEqualTo(3);
            assertThat(summaries.get(1).checkpointsRemoved()).isZero();
        }
        assertThat(store.list("e")).hasSize(2);
        assertThat(store.isClosed()).isFalse();
        assertThatThrownBy(sweeper::sweepOnce).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sweeper.start(Duration.ofMillis(5))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void policiesAreValidatedAndImmutable() {
        assertThatThrownBy(() -> RetentionPolicy.keepLatest(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepLatest");
        assertThatThrownBy(() -> RetentionPolicy.keepAll().clearIdleAfter(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIdle");
        assertThatThrownBy(() -> RetentionSweeper.builder(store, RetentionPolicy.keepAll()).pageSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageSize");
        RetentionPolicy keep = RetentionPolicy.keepLatest(3);
        RetentionPolicy both = keep.clearIdleAfter(Duration.ofDays(1));

        assertThat(keep.maxIdle()).isEmpty();
        assertThat(both.maxIdle()).contains(Duration.ofDays(1));
        assertThat(both.keepLatestCount()).hasValue(3);
        assertThat(RetentionPolicy.keepAll().keepLatestCount()).isEmpty();
    }
}
