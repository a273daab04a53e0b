package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upserts and compare-and-set: version 0 writes blindly, version n writes only over n. */
abstract class VersionsRules extends TckGroup {

    VersionsRules(TckFixture fixture) {
        super(fixture);
    }

    @Test
    void firstSaveReturnsVersionOne() {
        Checkpoint c = checkpoint(newExecution(), "first").build();
        assertThat(store().save(c).version()).isEqualTo(1);
        assertThat(store().load(c.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void returnedCheckpointEqualsTheArgumentButForItsVersion() {
        Checkpoint c = checkpoint(newExecution(), "returned").nodeName("n").state(new byte[] {7})
                .putMetadata("k", "v").build();
        assertThat(store().save(c)).isEqualTo(c.withVersion(1));
    }

    @Test
    void blindWriteReplacesAndIncrementsVersion() {
        Checkpoint c = checkpoint(newExecution(), "blind").state(new byte[] {1}).build();
        store().save(c);
        Checkpoint second = c.toBuilder().state(new byte[] {2}).build();
        assertThat(store().save(second).version()).isEqualTo(2);
        assertThat(store().load(c.id())).contains(second.withVersion(2));
    }

    @Test
    void versionCountsEveryWrite() {
        Checkpoint c = checkpoint(newExecution(), "counted").build();
        for (int i = 1; i <= 5; i++) {
            assertThat(store().save(c).version()).isEqualTo(i);
        }
        assertThat(store().load(c.id()).orElseThrow().version()).isEqualTo(5);
    }

    @Test
    void saveWithTheStoredVersionSucceeds() {
        Checkpoint stored = store().save(checkpoint(newExecution(), "cas").build());
        Checkpoint update = stored.toBuilder().nodeName("updated").build();
        assertThat(store().save(update)).isEqualTo(update.withVersion(2));
        assertThat(store().load(stored.id())).contains(update.withVersion(2));
    }

    @Test
    void saveWithStaleVersionIsRejected() {
        Checkpoint v1 = store().save(checkpoint(newExecution(), "stale").nodeName("one").build());
        Checkpoint v2 = store().save(v1.toBuilder().nodeName("two").build());
        Checkpoint stale = v1.toBuilder().nodeName("stale").build();
        assertThatThrownBy(() -> store().save(stale)).isInstanceOf(CheckpointConflictException.class);
        assertThat(store().load(v1.id())).contains(v2);
    }

    @Test
    void saveWithVersionAheadOfTheStoredOneIsRejected() {
        Checkpoint v1 = store().save(checkpoint(newExecution(), "ahead").build());
        Checkpoint ahead = v1.toBuilder().version(5).nodeName("ahead").build();
        assertThatThrownBy(() -> store().save(ahead)).isInstanceOf(CheckpointConflictException.class);
        assertThat(store().load(v1.id())).contains(v1);
    }

    @Test
    void saveWithVersionOnAnAbsentIdIsRejected() {
        Checkpoint c = checkpoint(newExecution(), "absent").version(1).build();
        assertThatThrownBy(() -> store().save(c)).isInstanceOf(CheckpointConflictException.class);
        assertThat(store().load(c.id())).isEmpty();
        assertThat(store().list(c.executionId())).isEmpty();
    }

    @Test
    void saveOfAnIdStoredUnderAnotherExecutionIsRejected() {
        Checkpoint original = store().save(checkpoint(newExecution(), "owned").build());
        Checkpoint moved = Checkpoint.builder(newExecution()).id(original.id()).timestamp(at(1)).build();
        assertThatThrownBy(() -> store().save(moved)).isInstanceOf(CheckpointConflictException.class);
        assertThat(store().load(original.id())).contains(original);
        assertThat(store().list(moved.executionId())).isEmpty();
    }

    @Test
    void saveWithTheStoredVersionUnderAnotherExecutionIsRejected() {
        Checkpoint original = store().save(checkpoint(newExecution(), "owned-cas").build());
        Checkpoint moved = Checkpoint.builder(newExecution()).id(original.id()).timestamp(at(1))
                .version(original.version()).build();
        assertThatThrownBy(() -> store().save(moved)).isInstanceOf(CheckpointConflictException.class);
        assertThat(store().load(original.id())).contains(original);
        assertThat(store().list(moved.executionId())).isEmpty();
    }

    @Test
    void loadedVersionIsTheReturnedVersion() {
        Checkpoint c = checkpoint(newExecution(), "loaded").build();
        store().save(c);
        Checkpoint returned = store().save(c);
        assertThat(store().load(c.id()).orElseThrow().version()).isEqualTo(returned.version());
    }

    @Test
    void compareAndSetAfterBlindWriteUsesTheNewVersion() {
        Checkpoint v1 = store().save(checkpoint(newExecution(), "mixed").build());
        store().save(v1.toBuilder().version(0).build());
        assertThatThrownBy(() -> store().save(v1)).isInstanceOf(CheckpointConflictException.class);
        assertThat(store().save(v1.withVersion(2)).version()).isEqualTo(3);
    }

    @Test
    void updateReplacesMetadataEntirely() {
        Checkpoint v1 = store().save(checkpoint(newExecution(), "meta")
                .metadata(Map.of("kept", "1", "dropped", "2")).build());
        Checkpoint update = v1.toBuilder().metadata(Map.of("kept", "changed", "added", "3")).build();
        store().save(update);
        assertThat(store().load(v1.id()).orElseThrow().metadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of("kept", "changed", "added", "3"));
    }

    @Test
    void updateCanClearStateParentAndNodeName() {
        Checkpoint v1 = store().save(checkpoint(newExecution(), "shrink").parentId(id("p")).nodeName("n")
                .state(new byte[] {1, 2, 3}).build());
        Checkpoint cleared = v1.toBuilder().parentId(null).nodeName("").state(new byte[0]).build();
        store().save(cleared);
        assertThat(store().load(v1.id())).contains(cleared.withVersion(2));
    }

    @Test
    void updateThatChangesTimestampMovesTheCheckpointInOrder() {
        String execution = newExecution();
        Checkpoint a = saveAt(execution, "a", 1);
        saveAt(execution, "b", 2);
        store().save(a.toBuilder().timestamp(at(3)).build());
        assertThat(listedIds(execution)).containsExactly(id("b"), id("a"));
        assertLatestIs(execution, "a");
    }

    @Test
    void rejectedSaveLeavesTheExecutionUnchanged() {
        String execution = newExecution();
        Checkpoint v1 = saveAt(execution, "kept", 1);
        Checkpoint stale = v1.toBuilder().version(7).timestamp(at(9)).build();
        assertThatThrownBy(() -> store().save(stale)).isInstanceOf(CheckpointConflictException.class);
        assertThat(store().list(execution)).containsExactly(v1);
        assertThat(store().latest(execution)).contains(v1);
    }
}
