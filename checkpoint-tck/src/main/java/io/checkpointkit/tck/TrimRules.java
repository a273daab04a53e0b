package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code trim(executionId, keepLatest)} deletes all but the newest {@code keepLatest} unpinned
 * checkpoints; pinned ones stay and do not count.
 */
abstract class TrimRules extends TckGroup {

    TrimRules(TckFixture fixture) {
        super(fixture);
    }

    private Checkpoint savePinned(String execution, String name, long seconds) {
        return store().save(checkpoint(execution, name).timestamp(at(seconds)).pinned(true).build());
    }

    @Test
    void trimKeepsTheNewest() {
        String execution = executionWith("s", 5);
        store().trim(execution, 2);
        assertThat(listedIds(execution)).containsExactly(id("s_3"), id("s_4"));
    }

    @Test
    void trimReturnsHowManyItRemoved() {
        String execution = executionWith("s", 5);
        assertThat(store().trim(execution, 2)).isEqualTo(3);
    }

    @Test
    void trimToZeroRemovesEveryUnpinnedCheckpoint() {
        String execution = executionWith("s", 3);
        assertThat(store().trim(execution, 0)).isEqualTo(3);
        assertThat(store().list(execution)).isEmpty();
    }

    @Test
    void trimKeepingMoreThanTheCountRemovesNothing() {
        String execution = newExecution();
        List<Checkpoint> saved = saveSeries(execution, "s", 3);
        assertThat(store().trim(execution, 10)).isZero();
        assertThat(store().list(execution)).isEqualTo(saved);
    }

    @Test
    void trimKeepingExactlyTheCountRemovesNothing() {
        String execution = executionWith("s", 3);
        assertThat(store().trim(execution, 3)).isZero();
        assertThat(store().list(execution)).hasSize(3);
    }

    @Test
    void trimKeepingTheLargestCountRemovesNothing() {
        String execution = executionWith("s", 3);
        assertThat(store().trim(execution, Integer.MAX_VALUE)).isZero();
        assertThat(store().list(execution)).hasSize(3);
    }

    @Test
    void trimOfAnUnknownExecutionRemovesNothing() {
        assertThat(store().trim(newExecution(), 0)).isZero();
    }

    @Test
    void trimKeepsPinnedCheckpoints() {
        String execution = newExecution();
        savePinned(execution, "pinned-old", 0);
        saveAt(execution, "a", 1);
        saveAt(execution, "b", 2);
        assertThat(store().trim(execution, 0)).isEqualTo(2);
        assertThat(listedIds(execution)).containsExactly(id("pinned-old"));
    }

    @Test
    void pinnedCheckpointsDoNotCountTowardsKeepLatest() {
        String execution = newExecution();
        saveAt(execution, "u0", 0);
        savePinned(execution, "p1", 1);
        saveAt(execution, "u2", 2);
        saveAt(execution, "u3", 3);
        savePinned(execution, "p4", 4);
        assertThat(store().trim(execution, 2)).isEqualTo(1);
        assertThat(listedIds(execution)).containsExactly(id("p1"), id("u2"), id("u3"), id("p4"));
    }

    @Test
    void onlyTheValueTrueMarksACheckpointPinned() {
        String execution = newExecution();
        store().save(checkpoint(execution, "upper").timestamp(at(0)).putMetadata("pinned", "TRUE").build());
        store().save(checkpoint(execution, "yes").timestamp(at(1)).putMetadata("pinned", "yes").build());
        store().save(checkpoint(execution, "other-key").timestamp(at(2)).putMetadata("pin", "true").build());
        savePinned(execution, "pinned", 3);
        assertThat(store().trim(execution, 0)).isEqualTo(3);
        assertThat(listedIds(execution)).containsExactly(id("pinned"));
    }

    @Test
    void unpinningAnUpdateMakesItTrimmable() {
        String execution = newExecution();
        Checkpoint pinned = savePinned(execution, "was-pinned", 0);
        store().save(pinned.toBuilder().pinned(false).build());
        assertThat(store().trim(execution, 0)).isEqualTo(1);
        assertThat(store().list(execution)).isEmpty();
    }

    @Test
    void trimFollowsTimestampOrderNotInsertionOrder() {
        String execution = newExecution();
        saveAt(execution, "newest", 9);
        saveAt(execution, "oldest", 1);
        saveAt(execution, "middle", 5);
        store().trim(execution, 1);
        assertThat(listedIds(execution)).containsExactly(id("newest"));
    }

    @Test
    void trimBreaksTimestampTiesById() {
        String execution = newExecution();
        saveTied(execution, 1, HostileStrings.GRINNING_FACE, HostileStrings.FULLWIDTH_TILDE, "a");
        store().trim(execution, 1);
        assertThat(listedIds(execution)).containsExactly(id(HostileStrings.GRINNING_FACE));
    }

    @Test
    void trimLeavesOtherExecutionsUntouched() {
        String execution = newExecution();
        String other = newExecution();
        saveSeries(execution, "mine", 3);
        List<Checkpoint> theirs = saveSeries(other, "theirs", 3);
        store().trim(execution, 0);
        assertThat(store().list(other)).isEqualTo(theirs);
    }

    @Test
    void trimmedCheckpointsAreGoneFromLoad() {
        String execution = executionWith("s", 3);
        store().trim(execution, 1);
        assertThat(store().load(id("s_0"))).isEmpty();
        assertThat(store().load(id("s_1"))).isEmpty();
        assertThat(store().load(id("s_2"))).isPresent();
    }

    @Test
    void trimmedIdsCanBeReusedInAnotherExecution() {
        String execution = executionWith("s", 2);
        store().trim(execution, 1);
        String other = newExecution();
        Checkpoint reused = store().save(Checkpoint.builder(other).id(id("s_0")).build());
        assertThat(store().list(other)).containsExactly(reused);
    }

    @Test
    void trimRacingConcurrentSavesKeepsTheNewest() {
        String execution = executionWith("old", 10);
        int threads = 3;
        int savesPerThread = 10;
        AtomicInteger removed = new AtomicInteger();
        Concurrently.run(threads + 1, Duration.ofSeconds(30), worker -> {
            if (worker == threads) {
                for (int round = 0; round < 10; round++) {
                    removed.addAndGet(store().trim(execution, 5));
                }
                return;
            }
            for (int i = 0; i < savesPerThread; i++) {
                int n = 100 + i * threads + worker;
                saveAt(execution, String.format("new%03d", n), n);
            }
        });
        removed.addAndGet(store().trim(execution, 5));
        List<String> newest = new ArrayList<>();
        int last = 100 + threads * savesPerThread - 1;
        for (int n = last - 4; n <= last; n++) {
            newest.add(id(String.format("new%03d", n)));
        }
        assertThat(listedIds(execution)).isEqualTo(newest);
        assertThat(removed.get()).isEqualTo(10 + threads * savesPerThread - 5);
    }
}
