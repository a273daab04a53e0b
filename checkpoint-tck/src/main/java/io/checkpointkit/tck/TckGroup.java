package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of every group of TCK rules: short names for the store under test and for the
 * test's own ids, so that test bodies read as the rule they check.
 */
@TestInstance(TestInstance.Lifecycle.PER_METHOD)
abstract class TckGroup {

    private final TckFixture fixture;

    TckGroup(TckFixture fixture) {
        this.fixture = fixture;
    }

    final TckFixture fixture() {
        return fixture;
    }

    /** The store under test. */
    final CheckpointStore store() {
        return fixture.store();
    }

    /** A new execution id, unique to this test. */
    final String newExecution() {
        return fixture.newExecution();
    }

    /** The checkpoint id {@code prefix + name}, unique to this test. */
    final String id(String name) {
        return fixture.id(name);
    }

    /** The tests' base instant plus {@code seconds}. */
    static Instant at(long seconds) {
        return TckFixture.at(seconds);
    }

    /** A checkpoint of {@code executionId} with id {@code id(name)} at the base instant. */
    final Checkpoint.Builder checkpoint(String executionId, String name) {
        return fixture.checkpoint(executionId, name);
    }

    /** Saves a checkpoint of {@code executionId} named {@code name} taken at {@code at(seconds)}. */
    final Checkpoint saveAt(String executionId, String name, long seconds) {
        return store().save(checkpoint(executionId, name).timestamp(at(seconds)).build());
    }

    /** Saves {@code name_0 … name_(count-1)} at seconds 0 … count-1, oldest first. */
    final List<Checkpoint> saveSeries(String executionId, String name, int count) {
        List<Checkpoint> saved = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            saved.add(saveAt(executionId, name + "_" + i, i));
        }
        return saved;
    }

    /**
     * A new execution holding {@code name_0 … name_(count-1)} at seconds 0 … count-1: the
     * "execution of N checkpoints" most rules start from.
     */
    final String executionWith(String name, int count) {
        String executionId = newExecution();
        saveSeries(executionId, name, count);
        return executionId;
    }

    /** A new execution holding one checkpoint, named {@code name}, taken at second 0. */
    final String executionWithOne(String name) {
        String executionId = newExecution();
        saveAt(executionId, name, 0);
        return executionId;
    }

    /** Saves checkpoints named {@code names}, in that order, all taken at {@code at(seconds)}. */
    final void saveTied(String executionId, long seconds, String... names) {
        for (String name : names) {
            saveAt(executionId, name, seconds);
        }
    }

    /** The ids of the given checkpoints, in order. */
    static List<String> ids(List<Checkpoint> checkpoints) {
        List<String> ids = new ArrayList<>(checkpoints.size());
        for (Checkpoint c : checkpoints) {
            ids.add(c.id());
        }
        return ids;
    }

    /** The ids of {@code store().list(executionId)}, in order. */
    final List<String> listedIds(String executionId) {
        return ids(store().list(executionId));
    }

    /** Checks that {@code store().latest(executionId)} is the checkpoint {@code id(name)}. */
    final void assertLatestIs(String executionId, String name) {
        assertThat(store().latest(executionId)).as("latest of %s", executionId).map(Checkpoint::id)
                .contains(id(name));
    }
}
