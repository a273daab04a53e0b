package io.checkpointkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;

class FaultRoundsTest {

    private static final FaultRounds QUICK = FaultRounds.builder().rounds(3)
            .warmUp(Duration.ofMillis(50)).loadBeforeFault(Duration.ofMillis(50)).serveAgainWithin(Duration.ofSeconds(5)).build();

    @Test
    void eachRoundInjectsItsFaultAndIsTimed() throws Exception {
        List<Integer> rounds = new ArrayList<>();
        try (CheckpointStore store = MemoryCheckpointStore.create()) {
            FaultWorkload workload = FaultWorkload.builder(store).threads(2).build();

            FaultRounds.Result result = QUICK.run(workload, rounds::add);

            assertThat(rounds).containsExactly(0, 1, 2);
            assertThat(result.servedAgainAfter()).hasSize(3);
            assertThat(result.report().operations()).isPositive();
            assertThat(result.figures("NOTHING")).startsWith("FAULT NOTHING").contains("×3");
            result.report().assertNoViolations();
        }
    }

    @Test
    void aFailingFaultStopsTheWorkloadAndIsRethrown() {
        try (CheckpointStore store = MemoryCheckpointStore.create()) {
            FaultWorkload workload = FaultWorkload.builder(store).threads(2).build();

            assertThatThrownBy(() -> QUICK.run(workload, round -> {
                throw new IllegalStateException("injection failed");
            })).hasMessage("injection failed");
            long stopped = workload.operations();
            assertThat(workload.operations()).isEqualTo(stopped);
        }
    }

    @Test
    void roundsMustBePositive() {
        assertThatThrownBy(() -> FaultRounds.builder().rounds(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rounds");
    }
}
