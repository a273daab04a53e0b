package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code latest} is the last checkpoint in {@code (timestamp, id)} order, and follows changes. */
abstract class LatestRules extends TckGroup {

    LatestRules(TckFixture fixture) {
        super(fixture);
    }

    @Test
    void latestOfUnknownExecutionIsEmpty() {
        assertThat(store().latest(newExecution())).isEmpty();
    }

    @Test
    void latestIsTheNewestByTimestampNotTheLastSaved() {
        String execution = newExecution();
        saveAt(execution, "new", 5);
        saveAt(execution, "old", 1);
        assertLatestIs(execution, "new");
    }

    @Test
    void latestBreaksTimestampTiesById() {
        String execution = newExecution();
        saveTied(execution, 1, "b", "c", "a");
        assertLatestIs(execution, "c");
    }

    @Test
    void latestBreaksTiesByCodePointNotUtf16Order() {
        String execution = newExecution();
        saveTied(execution, 1, HostileStrings.GRINNING_FACE, HostileStrings.FULLWIDTH_TILDE);
        assertLatestIs(execution, HostileStrings.GRINNING_FACE);
    }

    @Test
    void latestReturnsTheWholeCheckpoint() {
        String execution = newExecution();
        Checkpoint c = store().save(checkpoint(execution, "whole").parentId(id("p")).nodeName("node")
                .state(new byte[] {4, 5}).metadata(Map.of("k", "v")).timestamp(at(1)).build());
        store().save(c);
        assertThat(store().latest(execution)).contains(c.withVersion(2));
    }

    @Test
    void latestFollowsDeleteOfTheLatest() {
        String execution = executionWith("s", 3);
        store().delete(id("s_2"));
        assertLatestIs(execution, "s_1");
    }

    @Test
    void latestFollowsATimestampUpdate() {
        String execution = newExecution();
        List<Checkpoint> saved = saveSeries(execution, "s", 3);
        store().save(saved.get(0).toBuilder().timestamp(at(10)).build());
        assertLatestIs(execution, "s_0");
        store().save(store().load(id("s_0")).orElseThrow().toBuilder().timestamp(at(-1)).build());
        assertLatestIs(execution, "s_2");
    }

    @Test
    void latestIgnoresNewerCheckpointsOfOtherExecutions() {
        String execution = newExecution();
        saveAt(execution, "mine", 1);
        saveAt(newExecution(), "theirs", 9);
        assertLatestIs(execution, "mine");
    }

    @Test
    void latestOfAClearedExecutionIsEmpty() {
        String execution = executionWith("s", 2);
        store().clear(execution);
        assertThat(store().latest(execution)).isEmpty();
    }

    @Test
    void latestIsTheLastOfList() {
        String execution = newExecution();
        for (int i = 0; i < 12; i++) {
            saveAt(execution, "x" + (i * 7 % 12), i % 4);
        }
        List<Checkpoint> all = store().list(execution);
        assertThat(store().latest(execution)).contains(all.get(all.size() - 1));
    }
}
