package io.checkpointkit.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore.Operation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The bean closes after the calls running through it return, and refuses new ones meanwhile. */
class ShutdownTest {

    private final InstrumentedCheckpointStore backend = InstrumentedCheckpointStore.wrap(MemoryCheckpointStore.create());
    private final ManagedCheckpointStore store = new ManagedCheckpointStore(
            List.of(ConnectingCheckpointStore.open(() -> backend, "memory:", true)), null, "memory", "memory:",
            Duration.ofSeconds(30));

    @Test
    void closeWaitsForARunningCallThenClosesTheBackend() throws Exception {
        InstrumentedCheckpointStore.Hold hold = backend.holdNext(Operation.SAVE);
        CompletableFuture<Checkpoint> running = CompletableFuture.supplyAsync(
                () -> store.save(Checkpoint.builder("exec-1").id("cp-1").build()));
        hold.awaitHeld();
        Thread closer = new Thread(store::close, "closer");
        closer.start();
        awaitWaiting(closer);

        assertThat(backend.list("exec-1")).as("the backend is still open").hasSize(1);
        assertThatThrownBy(() -> store.load("cp-1")).as("a new call while closing")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shutting down");
        assertThat(store.running()).isEqualTo(1);

        hold.release();
        assertThat(running.get().version()).isEqualTo(1);
        closer.join();
        assertThatThrownBy(() -> backend.list("exec-1")).as("the backend after close")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeIsIdempotentAndClosesTheBackendOnce() {
        store.close();
        store.close();
        assertThatThrownBy(() -> backend.list("exec-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.list("exec-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeGivesUpWaitingAfterTheShutdownTimeout() throws Exception {
        ManagedCheckpointStore impatient = new ManagedCheckpointStore(
                List.of(ConnectingCheckpointStore.open(() -> backend, "memory:", true)), null, "memory", "memory:",
                Duration.ZERO);
        InstrumentedCheckpointStore.Hold hold = backend.holdNext(Operation.SAVE);
        CompletableFuture<Checkpoint> running = CompletableFuture.supplyAsync(
                () -> impatient.save(Checkpoint.builder("exec-1").build()));
        hold.awaitHeld();
        impatient.close();
        assertThatThrownBy(() -> backend.list("exec-1")).isInstanceOf(IllegalStateException.class);
        hold.release();
        running.get();
    }

    private static void awaitWaiting(Thread thread) {
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING) {
            assertThat(thread.isAlive()).as("the closing thread returned without waiting").isTrue();
            Thread.onSpinWait();
        }
    }
}
