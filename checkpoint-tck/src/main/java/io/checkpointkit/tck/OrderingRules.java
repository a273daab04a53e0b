package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code list} orders by {@code (timestamp, id)}, ids by code point: not by insertion order,
 * not by {@link String#compareTo}, not by a locale collation.
 */
abstract class OrderingRules extends TckGroup {

    OrderingRules(TckFixture fixture) {
        super(fixture);
    }

    @Test
    void listOrdersByTimestampNotInsertionOrder() {
        String execution = newExecution();
        saveAt(execution, "c", 3);
        saveAt(execution, "a", 1);
        saveAt(execution, "b", 2);
        assertThat(listedIds(execution)).containsExactly(id("a"), id("b"), id("c"));
    }

    @Test
    void listBreaksTimestampTiesById() {
        assertTiesListedAs(List.of("b", "c", "a"), "a", "b", "c");
    }

    @Test
    void listBreaksTiesByCodePointNotUtf16Order() {
        assertTiesListedAs(List.of(HostileStrings.GRINNING_FACE, HostileStrings.FULLWIDTH_TILDE),
                HostileStrings.FULLWIDTH_TILDE, HostileStrings.GRINNING_FACE);
    }

    @Test
    void listBreaksTiesByCodePointNotLocaleCollation() {
        assertTiesListedAs(List.of("b", "\u00E9", "a", "B", "f", "Z"), "B", "Z", "a", "b", "f", "\u00E9");
    }

    @Test
    void listPutsAnIdBeforeItsExtensions() {
        assertTiesListedAs(List.of("a0", "a ", "a", "a!"), "a", "a ", "a!", "a0");
    }

    @Test
    void listComparesDigitsAsCharactersNotNumbers() {
        assertTiesListedAs(List.of("10", "9", "100"), "10", "100", "9");
    }

    /** Saves checkpoints named {@code saved}, all at one timestamp, and checks the order of list. */
    private void assertTiesListedAs(List<String> saved, String... listed) {
        String execution = newExecution();
        saveTied(execution, 0, saved.toArray(String[]::new));
        assertThat(listedIds(execution)).containsExactly(Arrays.stream(listed).map(this::id).toArray(String[]::new));
    }

    @Test
    void timestampsOneMicrosecondApartAreOrdered() {
        String execution = newExecution();
        Instant t = Instant.parse("2024-05-01T12:00:00.000001Z");
        store().save(checkpoint(execution, "a-later").timestamp(t.plusNanos(1000)).build());
        store().save(checkpoint(execution, "b-earlier").timestamp(t).build());
        assertThat(listedIds(execution)).containsExactly(id("b-earlier"), id("a-later"));
    }

    @Test
    void timestampOrderBeatsIdOrder() {
        String execution = newExecution();
        saveAt(execution, "a", 2);
        saveAt(execution, "z", 1);
        assertThat(listedIds(execution)).containsExactly(id("z"), id("a"));
    }

    @Test
    void timestampsAcrossTheEpochAndTheLegalRangeAreOrdered() {
        String execution = newExecution();
        Instant[] times = {
            Checkpoint.MAX_TIMESTAMP, Instant.EPOCH, Checkpoint.MIN_TIMESTAMP,
            Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("9999-12-31T23:59:59.999998Z"),
            Instant.parse("2024-05-01T12:00:00Z"), Instant.parse("0001-01-01T00:00:00.000001Z")
        };
        for (int i = 0; i < times.length; i++) {
            store().save(checkpoint(execution, "t" + i).timestamp(times[i]).build());
        }
        assertThat(listedIds(execution)).containsExactly(
                id("t2"), id("t6"), id("t3"), id("t1"), id("t5"), id("t4"), id("t0"));
    }

    @Test
    void listReturnsOnlyTheCheckpointsOfTheExecution() {
        String execution = newExecution();
        String other = newExecution();
        saveAt(execution, "mine", 1);
        saveAt(other, "theirs", 0);
        assertThat(listedIds(execution)).containsExactly(id("mine"));
        assertThat(listedIds(other)).containsExactly(id("theirs"));
    }

    @Test
    void listOfManyCheckpointsIsCompleteAndOrdered() {
        String execution = newExecution();
        for (int i = 49; i >= 0; i--) {
            saveAt(execution, String.format("n%02d", i), i / 5);
        }
        List<Checkpoint> listed = store().list(execution);
        assertThat(listed).hasSize(50).isSortedAccordingTo(Checkpoint.ORDER);
        assertThat(ids(listed)).doesNotHaveDuplicates();
    }

    @Test
    void executionIdOrderDoesNotLeakIntoCheckpointOrder() {
        String first = fixture().execution("a");
        String second = fixture().execution("b");
        store().save(checkpoint(second, "in-b").timestamp(at(1)).build());
        store().save(checkpoint(first, "in-a").timestamp(at(2)).build());
        store().save(checkpoint(second, "in-b-late").timestamp(at(3)).build());
        assertThat(listedIds(second)).containsExactly(id("in-b"), id("in-b-late"));
    }
}
