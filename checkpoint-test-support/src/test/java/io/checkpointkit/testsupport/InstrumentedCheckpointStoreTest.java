package io.checkpointkit.testsupport;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.testsupport.InstrumentedCheckpointStore.Operation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstrumentedCheckpointStoreTest {

    private final MemoryCheckpointStore memory = MemoryCheckpointStore.create();
    private final InstrumentedCheckpointStore store = InstrumentedCheckpointStore.wrap(memory);

    @Test
    void countsEachOperationThatReachesIt() {
        store.save(Checkpoint.builder("e").id("a").build());
        store.load("a");
        store.latest("e");
        store.latest("e");
        store.list("e");
        store.list("e", CheckpointQuery.builder().limit(1).build());
        store.trim("e", 1);
        store.executions(null, 10);
        store.clearIfIdleSince("e", Instant.EPOCH);
        store.delete("a");
        store.clear("e");

        assertThat(store.calls(Operation.LATEST)).isEqualTo(2);
        assertThat(store.calls(Operation.LOAD, Operation.LATEST)).isEqualTo(3);
        for (Operation operation : Operation.values()) {
            assertThat(store.calls(operation)).as(operation.name()).isEqualTo(operation == Operation.LATEST ? 2 : 1);
        }
        assertThat(store.calls()).isEqualTo(Operation.values().length + 1);
    }

    @Test
    void injectedFailuresHitOnlyTheNamedOperationsUntilItSucceedsAgain() {
        memory.save(Checkpoint.builder("e").id("a").build());
        store.failWith(operation -> new CheckpointStoreUnavailableException("down: " + operation),
                Operation.LOAD, Operation.LATEST);

        assertThatThrownBy(() -> store.load("a")).isInstanceOf(CheckpointStoreUnavailableException.class)
                .hasMessage("down: LOAD");
        assertThatThrownBy(() -> store.latest("e")).hasMessage("down: LATEST");
        assertThat(store.list("e")).hasSize(1);
        assertThat(store.calls(Operation.LOAD, Operation.LATEST)).isEqualTo(2);

        store.failWith(operation -> new IllegalStateException("all"));
        assertThatThrownBy(() -> store.save(Checkpoint.builder("e").id("b").build())).hasMessage("all");
        assertThat(memory.load("b")).isEmpty();

        store.succeed();
        assertThat(store.load("a")).isPresent();
    }

    @Test
    void theHookRunsBeforeEachCallWithItsFirstArgumentAndBeforeAFailure() {
        List<String> heard = new ArrayList<>();
        store.onCall((operation, argument) -> heard.add(operation + " " + argument));
        store.failWith(operation -> new IllegalStateException("failed"), Operation.DELETE);

        store.load("a");
        store.executions(null, 5);
        assertThatThrownBy(() -> store.delete("a")).hasMessage("failed");

        assertThat(heard).containsExactly("LOAD a", "EXECUTIONS null", "DELETE a");
    }

    @Test
    void aHeldCallHasDoneItsWorkAndWaitsForRelease() throws Exception {
        Checkpoint saved = memory.save(Checkpoint.builder("e").id("a").build());
        InstrumentedCheckpointStore.Hold hold = store.holdNext(Operation.LOAD, Operation.LATEST);

        store.list("e"); // not held
        CompletableFuture<Optional<Checkpoint>> read = CompletableFuture.supplyAsync(() -> store.latest("e"));
        hold.awaitHeld();
        memory.delete("a"); // after the held read has read
        assertThat(read).isNotDone();
        hold.release();

        assertThat(read.get(10, TimeUnit.SECONDS)).contains(saved);
        assertThat(store.latest("e")).isEmpty(); // only the next call is held
    }
}
