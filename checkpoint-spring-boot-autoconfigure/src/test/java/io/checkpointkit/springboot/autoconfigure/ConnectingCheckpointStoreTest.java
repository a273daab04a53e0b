package io.checkpointkit.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.memory.MemoryCheckpointStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code fail-fast}: open now, or on the first call that finds the server, one attempt at a time. */
class ConnectingCheckpointStoreTest {

    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void failFastOpensAtOnceAndThrowsWhenTheServerIsDown() {
        assertThatThrownBy(() -> ConnectingCheckpointStore.open(down(), "redis://x", true))
                .isInstanceOf(CheckpointStoreUnavailableException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void withoutFailFastEveryCallTriesAgainUntilTheServerAnswers() {
        boolean[] up = {false};
        ConnectingCheckpointStore store = ConnectingCheckpointStore.open(() -> {
            attempts.incrementAndGet();
            if (!up[0]) {
                throw new CheckpointStoreUnavailableException("connection refused");
            }
            return MemoryCheckpointStore.create();
        }, "redis://x", false);
        assertThat(store.connected()).isFalse();
        assertThatThrownBy(() -> store.list("exec-1")).isInstanceOf(CheckpointStoreUnavailableException.class)
                .hasMessageContaining("redis://x").hasMessageContaining("connection refused");
        assertThat(attempts).hasValue(2);
        up[0] = true;
        assertThat(store.list("exec-1")).isEmpty();
        assertThat(store.list("exec-1")).isEmpty();
        assertThat(attempts).as("no attempt once connected").hasValue(3);
        assertThat(store.connected()).isTrue();
    }

    @Test
    void callsDuringAnAttemptFailAtOnceInsteadOfQueueing() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        ConnectingCheckpointStore store = ConnectingCheckpointStore.open(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new CheckpointStoreUnavailableException("down");
            }
            entered.countDown();
            await(answer);
            return MemoryCheckpointStore.create();
        }, "postgresql://x", false);
        CompletableFuture<List<?>> slow = CompletableFuture.supplyAsync(() -> store.list("exec-1"));
        entered.await();
        assertThatThrownBy(() -> store.list("exec-1")).isInstanceOf(CheckpointStoreUnavailableException.class);
        assertThat(store.tryConnect()).isEmpty();
        answer.countDown();
        assertThat(slow.get()).isEmpty();
        assertThat(store.list("exec-1")).isEmpty();
        assertThat(attempts).hasValue(2);
    }

    @Test
    void closeClosesTheBackendAndLaterCallsAreRefused() {
        CheckpointStore backend = MemoryCheckpointStore.create();
        ConnectingCheckpointStore store = ConnectingCheckpointStore.open(() -> backend, "memory:", true);
        store.close();
        store.close();
        assertThatThrownBy(() -> backend.list("exec-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.list("exec-1")).isInstanceOf(IllegalStateException.class);
    }

    private Supplier<CheckpointStore> down() {
        return () -> {
            attempts.incrementAndGet();
            throw new CheckpointStoreUnavailableException("connection refused");
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
