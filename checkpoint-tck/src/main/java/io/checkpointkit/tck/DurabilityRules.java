package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What was written survives closing the store and opening it again on the same location, when
 * the test class overrides {@code reopen}. Otherwise these tests are skipped: durability is an
 * optional capability, not a missing server.
 */
abstract class DurabilityRules extends TckGroup {

    DurabilityRules(TckFixture fixture) {
        super(fixture);
    }

    @BeforeEach
    void requireReopen() {
        fixture().assumeReopenSupported();
    }

    private void reopen() {
        fixture().reopen();
    }

    @Test
    void savedCheckpointSurvivesReopen() {
        byte[] state = new byte[64 * 1024];
        new Random(7).nextBytes(state);
        Checkpoint saved = store().save(checkpoint(newExecution(), "durable").parentId(id("p"))
                .nodeName("node").state(state).metadata(HostileStrings.metadata()).timestamp(at(3)).build());
        reopen();
        assertThat(store().load(saved.id())).contains(saved);
        assertThat(store().latest(saved.executionId())).contains(saved);
    }

    @Test
    void orderSurvivesReopen() {
        String execution = newExecution();
        saveTied(execution, 1, HostileStrings.GRINNING_FACE, HostileStrings.FULLWIDTH_TILDE);
        saveAt(execution, "first", 0);
        List<Checkpoint> before = store().list(execution);
        reopen();
        assertThat(store().list(execution)).isEqualTo(before);
    }

    @Test
    void versionsSurviveReopen() {
        Checkpoint v2 = store().save(store().save(checkpoint(newExecution(), "versioned").build()));
        reopen();
        assertThatThrownBy(() -> store().save(v2.withVersion(1))).isInstanceOf(CheckpointConflictException.class);
        assertThat(store().save(v2).version()).isEqualTo(3);
    }

    @Test
    void deleteSurvivesReopen() {
        String execution = executionWith("s", 2);
        store().delete(id("s_0"));
        reopen();
        assertThat(listedIds(execution)).containsExactly(id("s_1"));
    }

    @Test
    void clearSurvivesReopen() {
        String execution = executionWith("s", 2);
        store().clear(execution);
        reopen();
        assertThat(store().list(execution)).isEmpty();
    }

    @Test
    void trimSurvivesReopen() {
        String execution = executionWith("s", 4);
        store().save(checkpoint(execution, "pinned").pinned(true).build());
        store().trim(execution, 1);
        reopen();
        assertThat(listedIds(execution)).containsExactly(id("pinned"), id("s_3"));
    }

    @Test
    void hostileIdsSurviveReopen() {
        String execution = fixture().execution("'\"{}:/..%* " + HostileStrings.GRINNING_FACE);
        for (String fragment : HostileStrings.ID_FRAGMENTS) {
            store().save(Checkpoint.builder(execution).id(id(fragment)).timestamp(at(0)).build());
        }
        List<Checkpoint> before = store().list(execution);
        reopen();
        assertThat(store().list(execution)).isEqualTo(before);
        assertThat(store().load(id("'; DROP TABLE checkpoints; --"))).isPresent();
    }

    @Test
    void executionsSurviveReopen() {
        String execution = executionWith("s", 2);
        ExecutionPage before;
        try {
            before = store().executions(fixture().prefix(), 1);
        } catch (UnsupportedOperationException notListed) {
            Assumptions.assumeTrue(false, "the store does not list executions");
            return;
        }
        reopen();
        ExecutionPage after = store().executions(fixture().prefix(), 1);
        assertThat(after.items()).isEqualTo(before.items()).hasSize(1); // the last write time too
        ExecutionInfo info = after.items().get(0);
        assertThat(info.executionId()).isEqualTo(execution);
        assertThat(info.checkpointCount()).isEqualTo(2);
        assertThat(info.lastTimestamp()).isEqualTo(at(1));
    }

    @Test
    void reopenedStoreAcceptsNewWrites() {
        String execution = newExecution();
        saveAt(execution, "before", 0);
        reopen();
        saveAt(execution, "after", 1);
        assertThat(listedIds(execution)).containsExactly(id("before"), id("after"));
        assertThat(store().load(id("after")).orElseThrow().metadata()).isEqualTo(Map.of());
    }
}
