package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What a store declares in {@code capabilities()} is consistent with what it does. Declared
 * capabilities are tested; undeclared ones must not be observable.
 */
abstract class CapabilitiesRules extends TckGroup {

    CapabilitiesRules(TckFixture fixture) {
        super(fixture);
    }

    @Test
    void capabilitiesAreNeverNull() {
        assertThat(store().capabilities()).isNotNull().doesNotContainNull();
    }

    @Test
    void capabilitiesAreTheSameOnEveryCall() {
        assertThat(store().capabilities()).isEqualTo(store().capabilities());
    }

    @Test
    void changingTheReturnedSetDoesNotChangeTheStore() {
        Set<Capability> first = EnumSet.noneOf(Capability.class);
        first.addAll(store().capabilities());
        try {
            store().capabilities().clear();
            store().capabilities().add(Capability.TTL);
        } catch (UnsupportedOperationException unmodifiable) {
            // An unmodifiable set is the usual answer.
        }
        assertThat(store().capabilities()).isEqualTo(first);
    }

    @Test
    void storeThatCanBeReopenedDeclaresDurable() {
        fixture().assumeReopenSupported();
        Checkpoint c = saveAt(newExecution(), "kept", 0);
        fixture().reopen();
        assertThat(store().load(c.id())).as("a store whose data survives reopen").isPresent();
        assertThat(store().capabilities())
                .as("a store whose data survives reopen declares DURABLE").contains(Capability.DURABLE);
    }

    @Test
    void storeWithTtlKeepsCheckpointsWithinTheirExpiry() {
        Assumptions.assumeTrue(store().capabilities().contains(Capability.TTL),
                "the store does not declare TTL");
        String execution = newExecution();
        Checkpoint c = saveAt(execution, "fresh", 0);
        saveAt(execution, "refreshing", 1);
        assertThat(store().load(c.id())).contains(c);
        assertThat(store().list(execution)).hasSize(2);
        assertThat(store().latest(execution)).isPresent();
    }
}
