package io.checkpointkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.decorators.ForwardingCheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore.Operation;

class FaultWorkloadTest {

    @Test
    void aCorrectStoreBreaksNoInvariant() throws Exception {
        try (CheckpointStore store = MemoryCheckpointStore.create()) {
            WorkloadReport report = run(store);

            report.assertNoViolations();
            assertThat(report.acknowledgedWrites()).isGreaterThan(100);
            assertThat(report.checkpointsChecked()).isGreaterThan(50);
        }
    }

    @Test
    void failuresThatAreCheckpointExceptionsAreCountedNotViolations() throws Exception {
        try (InstrumentedCheckpointStore store = InstrumentedCheckpointStore.wrap(MemoryCheckpointStore.create())) {
            store.onCall((operation, argument) -> {
                if (operation == Operation.SAVE && store.calls(Operation.SAVE) % 7 == 0) {
                    throw new CheckpointStoreUnavailableException("injected before the write");
                }
            });
            WorkloadReport report = run(store);

            report.assertNoViolations();
            assertThat(report.failures()).containsKey("CheckpointStoreUnavailableException");
        }
    }

    @Test
    void aStoreThatDropsAcknowledgedSavesIsCaught() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (CheckpointStore store = new ForwardingCheckpointStore(MemoryCheckpointStore.create()) {
            @Override
            public Checkpoint save(Checkpoint checkpoint) {
                if (checkpoint.version() == 0 && calls.incrementAndGet() % 5 == 0) {
                    return checkpoint.withVersion(1);  // acknowledged, never written
                }
                return super.save(checkpoint);
            }
        }) {
            WorkloadReport report = run(store);

            assertThat(report.lostAcknowledgedWrites()).isPositive();
            assertThatThrownBy(report::assertNoViolations).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("LOST_WRITE");
        }
    }

    @Test
    void aStoreWithTwoCompareAndSetWinnersIsCaught() throws Exception {
        try (CheckpointStore store = new ForwardingCheckpointStore(MemoryCheckpointStore.create()) {
            @Override
            public Checkpoint save(Checkpoint checkpoint) {
                // Ignores the expected version: every update wins.
                Optional<Checkpoint> stored = load(checkpoint.id());
                if (checkpoint.version() > 0 && stored.isPresent()) {
                    return super.save(checkpoint.withVersion(stored.get().version()));
                }
                return super.save(checkpoint);
            }
        }) {
            WorkloadReport report = run(store);

            assertThat(report.violations()).extracting(WorkloadReport.Violation::kind)
                    .contains(WorkloadReport.ViolationKind.TWO_WINNERS);
        }
    }

    @Test
    void aStoreThatNeverServesFailsAwaitServing() {
        try (InstrumentedCheckpointStore store = InstrumentedCheckpointStore.wrap(MemoryCheckpointStore.create())) {
            store.failWith(operation -> new CheckpointStoreUnavailableException("down"), Operation.SAVE);
            FaultWorkload workload = FaultWorkload.builder(store).build();

            assertThatThrownBy(() -> workload.awaitServing(Duration.ofMillis(200)))
                    .isInstanceOf(AssertionError.class).hasRootCauseMessage("down");
        }
    }

    private static WorkloadReport run(CheckpointStore store) throws InterruptedException {
        FaultWorkload workload = FaultWorkload.builder(store).threads(4).build();
        workload.start();
        Thread.sleep(500);
        assertThat(workload.awaitServing(Duration.ofSeconds(5))).isLessThan(Duration.ofSeconds(5));
        workload.stop();
        return workload.verify(Duration.ofSeconds(5));
    }
}
