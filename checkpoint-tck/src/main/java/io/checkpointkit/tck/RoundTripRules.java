package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What is saved is loaded back exactly: every field, any bytes, any legal id. */
abstract class RoundTripRules extends TckGroup {

    RoundTripRules(TckFixture fixture) {
        super(fixture);
    }

    /** Saves, then checks that load, list and latest all return it with version 1. */
    private void assertRoundTrips(Checkpoint checkpoint) {
        Checkpoint saved = store().save(checkpoint);
        Checkpoint expected = checkpoint.withVersion(1);
        assertThat(saved).isEqualTo(expected);
        assertThat(store().load(checkpoint.id())).contains(expected);
        assertThat(store().list(checkpoint.executionId())).containsExactly(expected);
        assertThat(store().latest(checkpoint.executionId())).contains(expected);
    }

    /** A checkpoint named {@code name} of a new execution, taken at {@code timestamp}, round-trips. */
    private void assertTimestampRoundTrips(String name, Instant timestamp) {
        assertRoundTrips(checkpoint(newExecution(), name).timestamp(timestamp).build());
    }

    @Test
    void everyFieldRoundTrips() {
        String execution = newExecution();
        assertRoundTrips(checkpoint(execution, "full")
                .parentId(id("parent"))
                .nodeName("plan")
                .state(new byte[] {1, 2, 3, 0, -1, -128, 127})
                .metadata(Map.of("step", "7", "source", "loop"))
                .timestamp(Instant.parse("2024-05-01T12:34:56.123456Z"))
                .build());
    }

    @Test
    void minimalCheckpointRoundTrips() {
        assertRoundTrips(checkpoint(newExecution(), "minimal").build());
    }

    @Test
    void emptyStateRoundTripsAsEmptyNotNull() {
        Checkpoint c = checkpoint(newExecution(), "empty").state(new byte[0]).build();
        store().save(c);
        assertThat(store().load(c.id()).orElseThrow().state()).isNotNull().isEmpty();
    }

    @Test
    void everyByteValueRoundTrips() {
        byte[] state = new byte[512];
        for (int i = 0; i < state.length; i++) {
            state[i] = (byte) i;
        }
        assertRoundTrips(checkpoint(newExecution(), "bytes").state(state).build());
    }

    @Test
    void sixteenMebibyteStateRoundTrips() {
        byte[] state = new byte[16 * 1024 * 1024];
        new Random(42).nextBytes(state);
        Checkpoint c = checkpoint(newExecution(), "large").state(state).build();
        store().save(c);
        Checkpoint loaded = store().load(c.id()).orElseThrow();
        assertThat(loaded.stateSize()).isEqualTo(state.length);
        assertThat(loaded).isEqualTo(c.withVersion(1));
    }

    @Test
    void timestampRoundTripsToTheMicrosecond() {
        assertTimestampRoundTrips("micros", Instant.parse("2024-05-01T12:00:00.000001Z"));
    }

    @Test
    void earliestLegalTimestampRoundTrips() {
        assertTimestampRoundTrips("min", Checkpoint.MIN_TIMESTAMP);
    }

    @Test
    void latestLegalTimestampRoundTrips() {
        assertTimestampRoundTrips("max", Checkpoint.MAX_TIMESTAMP);
    }

    @Test
    void timestampBeforeTheEpochRoundTrips() {
        assertTimestampRoundTrips("pre-epoch", Instant.parse("1969-12-31T23:59:59.999999Z"));
    }

    @Test
    void hostileCheckpointIdsRoundTrip() {
        String execution = newExecution();
        for (String fragment : HostileStrings.ID_FRAGMENTS) {
            Checkpoint c = Checkpoint.builder(execution).id(id(fragment)).timestamp(at(0)).build();
            assertThat(store().save(c)).isEqualTo(c.withVersion(1));
            assertThat(store().load(c.id())).as("load of id %s", c.id()).contains(c.withVersion(1));
        }
        assertThat(store().list(execution)).hasSize(HostileStrings.ID_FRAGMENTS.size());
    }

    @Test
    void hostileIdsRoundTripWhenTheyStartTheId() {
        String execution = newExecution();
        for (String fragment : HostileStrings.ID_FRAGMENTS) {
            Checkpoint c = Checkpoint.builder(execution).id(fragment + fixture().prefix())
                    .timestamp(at(0)).build();
            store().save(c);
            assertThat(store().load(c.id())).as("load of id %s", c.id()).contains(c.withVersion(1));
        }
        assertThat(store().list(execution)).hasSize(HostileStrings.ID_FRAGMENTS.size());
    }

    @Test
    void hostileExecutionIdsRoundTrip() {
        for (String fragment : HostileStrings.ID_FRAGMENTS) {
            String execution = fixture().execution(fragment);
            Checkpoint c = checkpoint(execution, "in " + fragment).build();
            store().save(c);
            assertThat(store().list(execution)).as("list of execution %s", execution)
                    .containsExactly(c.withVersion(1));
            assertThat(store().latest(execution)).contains(c.withVersion(1));
        }
    }

    @Test
    void hostileExecutionIdsRoundTripWhenTheyStartTheId() {
        for (String fragment : HostileStrings.ID_FRAGMENTS) {
            String execution = fixture().remember(fragment + fixture().prefix());
            Checkpoint c = checkpoint(execution, "starting " + fragment).build();
            store().save(c);
            assertThat(store().list(execution)).as("list of execution %s", execution)
                    .containsExactly(c.withVersion(1));
        }
    }

    @Test
    void hostileParentIdsRoundTrip() {
        String execution = newExecution();
        int n = 0;
        for (String fragment : HostileStrings.ID_FRAGMENTS) {
            Checkpoint c = checkpoint(execution, "child" + n++).parentId(fragment).build();
            store().save(c);
            assertThat(store().load(c.id()).orElseThrow().parentId()).isEqualTo(fragment);
        }
    }

    @Test
    void hostileMetadataRoundTrips() {
        assertRoundTrips(checkpoint(newExecution(), "meta").metadata(HostileStrings.metadata()).build());
    }

    @Test
    void hostileNodeNameRoundTrips() {
        String execution = newExecution();
        int n = 0;
        for (String fragment : HostileStrings.ID_FRAGMENTS) {
            Checkpoint c = checkpoint(execution, "node" + n++).nodeName("node " + fragment + "\n").build();
            store().save(c);
            assertThat(store().load(c.id())).contains(c.withVersion(1));
        }
    }

    @Test
    void manyMetadataEntriesRoundTrip() {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            metadata.put("key-" + i, "value-" + i);
        }
        assertRoundTrips(checkpoint(newExecution(), "many").metadata(metadata).build());
    }

    @Test
    void longestLegalCheckpointIdRoundTrips() {
        String id = fixture().prefix() + "x".repeat(512 - fixture().prefix().length());
        assertRoundTrips(Checkpoint.builder(newExecution()).id(id).timestamp(at(0)).build());
    }

    @Test
    void longestLegalExecutionIdRoundTrips() {
        String execution = fixture().execution("y".repeat(512 - fixture().prefix().length()));
        assertRoundTrips(checkpoint(execution, "in-long-execution").build());
    }

    @Test
    void idOf512SupplementaryCharactersRoundTrips() {
        String id = fixture().prefix()
                + HostileStrings.GRINNING_FACE.repeat(512 - fixture().prefix().length());
        assertThat(id.codePointCount(0, id.length())).isEqualTo(512);
        assertRoundTrips(Checkpoint.builder(newExecution()).id(id).timestamp(at(0)).build());
    }

    @Test
    void idsDifferingOnlyInCaseAreDistinct() {
        assertDistinct(id("Case"), id("case"));
    }

    @Test
    void idsDifferingOnlyInTrailingSpaceAreDistinct() {
        assertDistinct(id("pad"), id("pad "));
    }

    @Test
    void canonicallyEquivalentIdsAreDistinct() {
        assertDistinct(id("\u00E9"), id("e\u0301"));
    }

    private void assertDistinct(String first, String second) {
        String execution = newExecution();
        Checkpoint a = Checkpoint.builder(execution).id(first).timestamp(at(0)).nodeName("a").build();
        Checkpoint b = Checkpoint.builder(execution).id(second).timestamp(at(1)).nodeName("b").build();
        store().save(a);
        store().save(b);
        assertThat(store().load(first)).contains(a.withVersion(1));
        assertThat(store().load(second)).contains(b.withVersion(1));
        assertThat(store().list(execution)).containsExactly(a.withVersion(1), b.withVersion(1));
    }

    @Test
    void largeMetadataValueRoundTrips() {
        assertRoundTrips(checkpoint(newExecution(), "large-meta")
                .putMetadata("large", "v".repeat(64 * 1024) + HostileStrings.GRINNING_FACE).build());
    }

    @Test
    void executionAndCheckpointMayShareAnId() {
        String shared = fixture().execution("shared");
        Checkpoint c = Checkpoint.builder(shared).id(shared).timestamp(at(0)).build();
        Checkpoint other = checkpoint(shared, "other").timestamp(at(1)).build();
        store().save(c);
        store().save(other);
        assertThat(store().load(shared)).contains(c.withVersion(1));
        assertThat(store().list(shared)).containsExactly(c.withVersion(1), other.withVersion(1));
    }

    @Test
    void listAndLatestDoNotTreatTheExecutionIdAsAPatternOrPrefix() {
        for (String suffix : new String[] {"x", "x1", "x%", "x_", "x*", "x?"}) {
            store().save(checkpoint(fixture().execution(suffix), "in " + suffix).build());
        }
        for (String suffix : new String[] {"x", "x%", "x_", "x*", "x?"}) {
            String execution = fixture().execution(suffix);
            assertThat(listedIds(execution)).as("list of %s", execution).containsExactly(id("in " + suffix));
            assertLatestIs(execution, "in " + suffix);
        }
    }

    @Test
    void loadOfUnknownIdIsEmpty() {
        assertThat(store().load(id("never-saved"))).isEmpty();
    }

    @Test
    void listOfUnknownExecutionIsEmpty() {
        assertThat(store().list(newExecution())).isEmpty();
    }

    @Test
    void changingLoadedStateDoesNotChangeTheStore() {
        Checkpoint c = checkpoint(newExecution(), "copy").state(new byte[] {1, 2, 3}).build();
        store().save(c);
        store().load(c.id()).orElseThrow().state()[0] = 99;
        assertThat(store().load(c.id()).orElseThrow().state()).containsExactly(1, 2, 3);
    }
}
