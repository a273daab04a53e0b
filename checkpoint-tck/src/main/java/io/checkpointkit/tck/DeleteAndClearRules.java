package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code delete} and {@code clear} remove exactly what they name and say how much. */
abstract class DeleteAndClearRules extends TckGroup {

    DeleteAndClearRules(TckFixture fixture) {
        super(fixture);
    }

    @Test
    void deleteReturnsTrueWhenItRemovedSomething() {
        Checkpoint c = saveAt(newExecution(), "doomed", 0);
        assertThat(store().delete(c.id())).isTrue();
    }

    @Test
    void deleteOfAnUnknownIdReturnsFalse() {
        assertThat(store().delete(id("never-saved"))).isFalse();
    }

    @Test
    void secondDeleteReturnsFalse() {
        Checkpoint c = saveAt(newExecution(), "twice", 0);
        store().delete(c.id());
        assertThat(store().delete(c.id())).isFalse();
    }

    @Test
    void deletedCheckpointIsGoneFromLoadListAndLatest() {
        String execution = newExecution();
        Checkpoint c = saveAt(execution, "gone", 0);
        store().delete(c.id());
        assertThat(store().load(c.id())).isEmpty();
        assertThat(store().list(execution)).isEmpty();
        assertThat(store().latest(execution)).isEmpty();
    }

    @Test
    void deleteLeavesTheOtherCheckpointsOfTheExecution() {
        String execution = newExecution();
        List<Checkpoint> saved = saveSeries(execution, "s", 3);
        store().delete(id("s_1"));
        assertThat(store().list(execution)).containsExactly(saved.get(0), saved.get(2));
    }

    @Test
    void deleteDoesNotTreatTheIdAsAPattern() {
        String execution = newExecution();
        saveAt(execution, "a", 0);
        saveAt(execution, "ab", 1);
        saveAt(execution, "a%", 2);
        saveAt(execution, "a_", 3);
        assertThat(store().delete(id("a*"))).isFalse();
        assertThat(store().delete(id("a%"))).isTrue();
        assertThat(store().delete(id("a_"))).isTrue();
        assertThat(listedIds(execution)).containsExactly(id("a"), id("ab"));
    }

    @Test
    void clearReturnsHowManyItRemoved() {
        String execution = executionWith("s", 4);
        assertThat(store().clear(execution)).isEqualTo(4);
        assertThat(store().list(execution)).isEmpty();
    }

    @Test
    void clearOfAnUnknownExecutionReturnsZero() {
        assertThat(store().clear(newExecution())).isZero();
    }

    @Test
    void secondClearReturnsZero() {
        String execution = executionWith("s", 2);
        store().clear(execution);
        assertThat(store().clear(execution)).isZero();
    }

    @Test
    void clearedCheckpointsAreGoneFromLoad() {
        String execution = newExecution();
        List<Checkpoint> saved = saveSeries(execution, "s", 3);
        store().clear(execution);
        for (Checkpoint c : saved) {
            assertThat(store().load(c.id())).isEmpty();
        }
    }

    @Test
    void clearLeavesOtherExecutionsUntouched() {
        String execution = newExecution();
        String other = newExecution();
        saveSeries(execution, "mine", 3);
        List<Checkpoint> theirs = saveSeries(other, "theirs", 2);
        store().clear(execution);
        assertThat(store().list(other)).isEqualTo(theirs);
        assertThat(store().load(theirs.get(0).id())).contains(theirs.get(0));
    }

    @Test
    void clearDoesNotTreatTheExecutionIdAsAPatternOrPrefix() {
        String[] suffixes = {"x", "x1", "x*", "x%", "x_", "x?", "x[1]", "x:", "x/", "x/..", "y"};
        for (String suffix : suffixes) {
            store().save(checkpoint(fixture().execution(suffix), "in " + suffix).build());
        }
        for (String cleared : new String[] {"x", "x*", "x%", "x_", "x?", "x[1]", "x/.."}) {
            assertThat(store().clear(fixture().execution(cleared))).as("clear of %s", cleared).isEqualTo(1);
        }
        for (String kept : new String[] {"x1", "x:", "x/", "y"}) {
            assertThat(store().list(fixture().execution(kept))).as("list of %s", kept).hasSize(1);
        }
    }

    @Test
    void deleteLeavesOtherExecutionsUntouched() {
        String execution = newExecution();
        String other = newExecution();
        Checkpoint mine = saveAt(execution, "shared-prefix", 0);
        Checkpoint theirs = saveAt(other, "shared-prefix-2", 0);
        store().delete(mine.id());
        assertThat(store().list(other)).containsExactly(theirs);
    }

    @Test
    void deletedIdCanBeReusedInAnotherExecution() {
        Checkpoint first = saveAt(newExecution(), "reused", 0);
        store().delete(first.id());
        String second = newExecution();
        Checkpoint moved = store().save(Checkpoint.builder(second).id(first.id()).timestamp(at(1)).build());
        assertThat(moved.version()).isEqualTo(1);
        assertThat(store().load(first.id())).contains(moved);
        assertThat(store().list(first.executionId())).isEmpty();
        assertThat(store().list(second)).containsExactly(moved);
    }

    @Test
    void clearedIdsCanBeReusedInAnotherExecution() {
        String execution = newExecution();
        Checkpoint first = saveAt(execution, "cleared-reuse", 0);
        store().clear(execution);
        String second = newExecution();
        Checkpoint moved = store().save(Checkpoint.builder(second).id(first.id()).build());
        assertThat(store().list(second)).containsExactly(moved);
        assertThat(store().list(execution)).isEmpty();
    }

    @Test
    void idReusedAfterDeleteStartsAgainAtVersionOne() {
        String execution = newExecution();
        Checkpoint c = checkpoint(execution, "again").build();
        store().save(c);
        store().save(c);
        store().delete(c.id());
        assertThat(store().save(c).version()).isEqualTo(1);
    }

    @Test
    void compareAndSetOnADeletedIdIsRejected() {
        Checkpoint v1 = saveAt(newExecution(), "deleted-cas", 0);
        store().delete(v1.id());
        assertThatThrownBy(() -> store().save(v1)).isInstanceOf(CheckpointConflictException.class);
        assertThat(store().load(v1.id())).isEmpty();
    }
}
