package io.checkpointkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code clearIfIdleSince(executionId, cutoff)}: clears an execution only when it was not written
 * (saved, updated, deleted from) at or after the cutoff, judged by write times, not by the
 * checkpoints' timestamps; and {@code executions()} reports the last write time.
 *
 * <p>Write times come from the store's clock, which the kit cannot move, so these tests take the
 * cutoff from the system clock between writes, with a few milliseconds of real time on each side
 * (a bounded wait) so that a store keeping milliseconds still tells before from after. Tests
 * are skipped when the store throws {@link UnsupportedOperationException} (the default).
 */
abstract class IdleClearRules extends TckGroup {

    /** Real time left between a write and a cutoff, more than any store's resolution. */
    private static final Duration GAP = Duration.ofMillis(3);

    IdleClearRules(TckFixture fixture) {
        super(fixture);
    }

    @BeforeEach
    void requireIdleClearSupport() {
        try {
            store().clearIfIdleSince(newExecution(), Instant.EPOCH);
        } catch (UnsupportedOperationException e) {
            Assumptions.assumeTrue(false, "the store does not clear conditionally (it throws "
                    + "UnsupportedOperationException, the default): " + e.getMessage());
        }
    }

    /** Waits until the system clock is {@link #GAP} past now, and returns that instant. */
    private static Instant pause() {
        Instant until = Instant.now().plus(GAP);
        while (Instant.now().isBefore(until)) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        return Instant.now();
    }

    /** A cutoff after every write made so far, and before every write made after it. */
    private static Instant cutoffBetweenWrites() {
        Instant cutoff = pause();
        pause();
        return cutoff;
    }

    @Test
    void anExecutionNotWrittenSinceTheCutoffIsClearedWhole() {
        String execution = executionWith("s", 2);
        store().save(checkpoint(execution, "pinned").timestamp(at(5)).pinned(true).build());
        Instant cutoff = cutoffBetweenWrites();

        assertThat(store().clearIfIdleSince(execution, cutoff)).isEqualTo(3);
        assertThat(store().list(execution)).isEmpty();
        assertThat(store().latest(execution)).isEmpty();
        assertThat(store().load(id("s_0"))).isEmpty();
    }

    @Test
    void anExecutionSavedSinceTheCutoffIsKeptWhateverItsTimestamps() {
        String execution = newExecution();
        Instant cutoff = cutoffBetweenWrites();
        saveSeries(execution, "s", 2); // timestamps long before the cutoff

        assertThat(store().clearIfIdleSince(execution, cutoff)).isZero();
        assertThat(listedIds(execution)).containsExactly(id("s_0"), id("s_1"));
    }

    @Test
    void anUpdateInPlaceSinceTheCutoffKeepsTheExecution() {
        String resumed = executionWith("r", 2);
        String idle = executionWith("i", 2);
        Instant cutoff = cutoffBetweenWrites();
        Checkpoint latest = store().latest(resumed).orElseThrow();
        Checkpoint updated = store().save(latest.toBuilder().state(new byte[] {42}).build());

        assertThat(updated.timestamp()).isEqualTo(latest.timestamp());
        assertThat(store().clearIfIdleSince(resumed, cutoff)).isZero();
        assertThat(store().clearIfIdleSince(idle, cutoff)).isEqualTo(2);
        assertThat(store().list(resumed)).hasSize(2).contains(updated);
    }

    @Test
    void aDeleteSinceTheCutoffKeepsTheExecution() {
        String execution = executionWith("s", 3);
        String idle = executionWith("i", 1);
        Instant cutoff = cutoffBetweenWrites();
        assertThat(store().delete(id("s_2"))).isTrue(); // the newest

        assertThat(store().clearIfIdleSince(execution, cutoff)).isZero();
        assertThat(store().clearIfIdleSince(idle, cutoff)).isEqualTo(1);
        assertThat(listedIds(execution)).containsExactly(id("s_0"), id("s_1"));
    }

    @Test
    void aSaveSinceTheCutoffKeepsEveryOlderCheckpoint() {
        String execution = executionWith("s", 2);
        Instant cutoff = cutoffBetweenWrites();
        saveAt(execution, "new", 9);

        assertThat(store().clearIfIdleSince(execution, cutoff)).isZero();
        assertThat(listedIds(execution)).containsExactly(id("s_0"), id("s_1"), id("new"));
    }

    @Test
    void otherExecutionsAreUntouched() {
        String cleared = executionWith("c", 2);
        String other = executionWith("o", 2);
        Instant cutoff = cutoffBetweenWrites();

        assertThat(store().clearIfIdleSince(cleared, cutoff)).isEqualTo(2);
        assertThat(listedIds(other)).containsExactly(id("o_0"), id("o_1"));
    }

    @Test
    void anExecutionWithoutCheckpointsClearsNothing() {
        assertThat(store().clearIfIdleSince(newExecution(), Instant.now().plus(Duration.ofDays(1)))).isZero();
    }

    @Test
    void aClearedExecutionCanBeWrittenAgainAndIsThenBusy() {
        String execution = executionWith("s", 2);
        Instant cutoff = cutoffBetweenWrites();
        assertThat(store().clearIfIdleSince(execution, cutoff)).isEqualTo(2);

        saveAt(execution, "again", 0);

        assertThat(store().clearIfIdleSince(execution, cutoff)).isZero();
        assertThat(listedIds(execution)).containsExactly(id("again"));
    }

    @Test
    void executionsReportTheLastWriteTimeNotTheLastTimestamp() {
        String execution = newExecution();
        ExecutionInfo info;
        try {
            store().executions(fixture().prefix(), 1);
        } catch (UnsupportedOperationException e) {
            Assumptions.assumeTrue(false, "the store does not list executions: " + e.getMessage());
        }
        Instant before = Instant.now();
        saveAt(execution, "s", 0);
        Instant after = Instant.now();

        ExecutionPage page = store().executions(fixture().prefix(), 1);
        assertThat(page.items()).hasSize(1);
        info = page.items().get(0);
        assertThat(info.executionId()).isEqualTo(execution);
        assertThat(info.lastTimestamp()).isEqualTo(at(0));
        // A store may keep milliseconds: allow the truncation on each side.
        assertThat(info.lastWriteTime()).isBetween(before.minusMillis(1), after.plusMillis(1));
    }

    @Test
    void clearIfIdleSinceChecksItsArguments() {
        assertThatThrownBy(() -> store().clearIfIdleSince(null, Instant.now()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store().clearIfIdleSince(newExecution(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store().clearIfIdleSince("", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().clearIfIdleSince("bad\u0000id", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
