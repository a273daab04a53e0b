package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad arguments fail before any I/O: {@link NullPointerException} for null,
 * {@link IllegalArgumentException} for an illegal id or a negative count, each with a message.
 * That nothing was done is shown by a sentinel execution whose data is unchanged afterwards.
 */
abstract class BadArgumentsRules extends TckGroup {

    /** Illegal ids: empty, control characters, an unpaired surrogate, 513 characters. */
    private static final List<String> ILLEGAL_IDS = List.of(
            "", "a\u0000b", "line\nbreak", "tab\t", "bell\u0007", "del\u007F", "c1\u0085", "\uD800",
            "x".repeat(513), HostileStrings.GRINNING_FACE.repeat(513));

    private String sentinelExecution;
    private List<Checkpoint> sentinel;

    BadArgumentsRules(TckFixture fixture) {
        super(fixture);
    }

    @BeforeEach
    void saveSentinel() {
        sentinelExecution = newExecution();
        sentinel = saveSeries(sentinelExecution, "sentinel", 2);
    }

    /** Checks that {@code call} rejects null and every illegal id, and that nothing changed. */
    private void assertRejectsIllegalIds(Consumer<String> call) {
        assertThatThrownBy(() -> call.accept(null)).isInstanceOf(NullPointerException.class);
        for (String illegal : ILLEGAL_IDS) {
            assertThatThrownBy(() -> call.accept(illegal))
                    .as("id of %d chars starting %s", illegal.length(), illegal.substring(0, Math.min(8, illegal.length())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageFindingMatch("\\S");
        }
        assertSentinelUnchanged();
    }

    private void assertSentinelUnchanged() {
        assertThat(store().list(sentinelExecution)).isEqualTo(sentinel);
    }

    @Test
    void saveRejectsNull() {
        assertThatThrownBy(() -> store().save(null)).isInstanceOf(NullPointerException.class);
        assertSentinelUnchanged();
    }

    @Test
    void loadRejectsNullAndIllegalIds() {
        assertRejectsIllegalIds(id -> store().load(id));
    }

    @Test
    void listRejectsNullAndIllegalExecutionIds() {
        assertRejectsIllegalIds(execution -> store().list(execution));
    }

    @Test
    void deleteRejectsNullAndIllegalIds() {
        assertRejectsIllegalIds(id -> store().delete(id));
    }

    @Test
    void clearRejectsNullAndIllegalExecutionIds() {
        assertRejectsIllegalIds(execution -> store().clear(execution));
    }

    @Test
    void latestRejectsNullAndIllegalExecutionIds() {
        assertRejectsIllegalIds(execution -> store().latest(execution));
    }

    @Test
    void queryRejectsNullAndIllegalExecutionIds() {
        assertRejectsIllegalIds(execution -> store().list(execution, CheckpointQuery.all()));
    }

    @Test
    void queryRejectsANullQuery() {
        assertThatThrownBy(() -> store().list(sentinelExecution, null)).isInstanceOf(NullPointerException.class);
        assertSentinelUnchanged();
    }

    @Test
    void trimRejectsNullAndIllegalExecutionIds() {
        assertRejectsIllegalIds(execution -> store().trim(execution, 1));
    }

    @Test
    void trimRejectsANegativeKeepLatest() {
        assertThatThrownBy(() -> store().trim(sentinelExecution, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepLatest");
        assertThatThrownBy(() -> store().trim(sentinelExecution, Integer.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertSentinelUnchanged();
    }

    @Test
    void executionsRejectsIllegalCursors() {
        for (String illegal : ILLEGAL_IDS) {
            assertThatThrownBy(() -> store().executions(illegal, 10))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertSentinelUnchanged();
    }

    @Test
    void executionsRejectsALimitBelowOne() {
        assertThatThrownBy(() -> store().executions(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().executions(null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertSentinelUnchanged();
    }

    @Test
    void legalIdOf512CharactersIsAccepted() {
        String longest = fixture().prefix() + "z".repeat(512 - fixture().prefix().length());
        assertThat(store().load(longest)).isEmpty();
        assertThat(store().list(longest)).isEmpty();
        assertThat(store().delete(longest)).isFalse();
        assertThat(store().clear(longest)).isZero();
        assertThat(store().trim(longest, 0)).isZero();
        assertThat(store().latest(longest)).isEmpty();
    }

    @Test
    void checkpointsWithIllegalFieldsCannotBeBuilt() {
        assertThatThrownBy(() -> Checkpoint.builder(sentinelExecution).id("x".repeat(513)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Checkpoint.builder("bad\nexecution").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CheckpointQuery.builder().limit(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CheckpointQuery.builder().after(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void illegalIdsAreNotFoundByPrefixOrTruncation() {
        String tooLong = sentinel.get(0).id() + "x".repeat(513);
        assertThatThrownBy(() -> store().delete(tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().clear(sentinelExecution + "\u0000"))
                .isInstanceOf(IllegalArgumentException.class);
        assertSentinelUnchanged();
    }
}
