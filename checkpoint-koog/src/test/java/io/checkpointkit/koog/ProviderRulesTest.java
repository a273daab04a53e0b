package io.checkpointkit.koog;

import ai.koog.agents.snapshot.feature.AgentCheckpointData;
import ai.koog.agents.snapshot.providers.PersistenceUtils;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.memory.MemoryCheckpointStore;
import kotlin.Unit;
import kotlinx.serialization.json.Json;
import kotlinx.serialization.json.JsonKt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static io.checkpointkit.koog.KoogCheckpoints.afterNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider's own rules: arguments, executor, cancellation, closing, unreadable state. */
class ProviderRulesTest {

    private final MemoryCheckpointStore store = MemoryCheckpointStore.create();

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** An executor that holds its tasks until the test runs them. */
    private static final class HeldExecutor implements Executor {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            held.add(task);
        }

        void runAll() {
            held.forEach(Runnable::run);
            held.clear();
        }
    }

    @Test
    void illegalSessionIdsFailBeforeAnyIo() {
        HeldExecutor executor = new HeldExecutor();
        CheckpointKitPersistenceProvider provider = CheckpointKitPersistenceProvider.builder(store).executor(executor).build();

        assertThatThrownBy(() -> provider.saveCheckpointAsync(null, afterNode("a", 0, 1)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("agentId");
        assertThatThrownBy(() -> provider.getCheckpointsAsync("", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agentId");
        assertThatThrownBy(() -> provider.getLatestCheckpointAsync("a\nb", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control");
        assertThatThrownBy(() -> provider.getLatestCheckpointAsync("x".repeat(513), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512");
        assertThatThrownBy(() -> provider.saveCheckpointAsync("s", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("agentCheckpointData");
        assertThat(executor.held).isEmpty();
    }

    @Test
    void legalOddSessionIdsRoundTrip() {
        String session = "sess/../'\"%:{}* 🚀";
        try (CheckpointKitPersistenceProvider provider = CheckpointKitPersistenceProvider.of(store)) {
            provider.saveCheckpointAsync(session, afterNode("a", 0, 1)).join();

            assertThat(provider.getCheckpointsAsync(session, null).join()).hasSize(1);
        }
    }

    @Test
    void theStoreIsCalledOnTheGivenExecutorOnly() {
        HeldExecutor executor = new HeldExecutor();
        CheckpointKitPersistenceProvider provider = CheckpointKitPersistenceProvider.builder(store).executor(executor).build();

        CompletableFuture<Boolean> saved = provider.saveCheckpointAsync("s", afterNode("a", 0, 1));

        assertThat(saved).isNotDone();
        assertThat(store.list("s")).isEmpty();
        executor.runAll();
        assertThat(saved.join()).isTrue();
        assertThat(store.list("s")).hasSize(1);
    }

    @Test
    void aSaveCancelledBeforeItStartedIsNotWritten() {
        HeldExecutor executor = new HeldExecutor();
        CheckpointKitPersistenceProvider provider = CheckpointKitPersistenceProvider.builder(store).executor(executor).build();

        CompletableFuture<Boolean> saved = provider.saveCheckpointAsync("s", afterNode("a", 0, 1));
        saved.cancel(true);
        executor.runAll();

        assertThat(store.list("s")).isEmpty();
    }

    @Test
    void aRejectingExecutorFailsTheFuture() {
        Executor full = task -> {
            throw new RejectedExecutionException("full");
        };
        CheckpointKitPersistenceProvider provider = CheckpointKitPersistenceProvider.builder(store).executor(full).build();

        assertThatThrownBy(() -> provider.getLatestCheckpointAsync("s", null).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void closingTheProviderLeavesTheStoreOpenAndRefusesLaterCalls() {
        CheckpointKitPersistenceProvider provider = CheckpointKitPersistenceProvider.of(store);
        provider.saveCheckpointAsync("s", afterNode("a", 0, 1)).join();

        provider.close();
        provider.close();

        assertThat(store.list("s")).hasSize(1);
        assertThatThrownBy(() -> provider.getCheckpointsAsync("s", null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCheckpointThatIsNotKoogJsonFailsNamingIt() {
        store.save(Checkpoint.builder("s").id("foreign").state("not json".getBytes(StandardCharsets.UTF_8)).build());
        try (CheckpointKitPersistenceProvider provider = CheckpointKitPersistenceProvider.of(store)) {

            assertThatThrownBy(() -> provider.getLatestCheckpointAsync("s", null).join())
                    .hasCauseInstanceOf(CheckpointCorruptedException.class).hasMessageContaining("foreign");
        }
    }

    @Test
    void theDefaultJsonIsKoogsOwn() {
        AgentCheckpointData data = afterNode("plan", 0, 1_000, "hi");
        try (CheckpointKitPersistenceProvider provider = CheckpointKitPersistenceProvider.of(store)) {
            provider.saveCheckpointAsync("s", data).join();
        }

        String stored = new String(store.load(data.getCheckpointId()).orElseThrow().state(), StandardCharsets.UTF_8);

        assertThat(stored).isEqualTo(PersistenceUtils.INSTANCE.getDefaultCheckpointJson()
                .encodeToString(AgentCheckpointData.Companion.serializer(), data));
    }

    /**
     * A user's Json (here one whose class discriminator is {@code @kind}, as a user sets it for their own
     * polymorphic types) writes and reads the checkpoints; Koog's default cannot read what it wrote.
     */
    @Test
    void aUsersJsonWritesAndReadsTheCheckpoints() {
        Json users = JsonKt.Json(PersistenceUtils.INSTANCE.getDefaultCheckpointJson(), json -> {
            json.setClassDiscriminator("@kind");
            return Unit.INSTANCE;
        });
        AgentCheckpointData data = afterNode("plan", 0, 1_000, "hi", "go on");
        try (CheckpointKitPersistenceProvider provider = CheckpointKitPersistenceProvider.builder(store).json(users).build()) {
            provider.saveCheckpointAsync("s", data).join();
        }
        String stored = new String(store.load(data.getCheckpointId()).orElseThrow().state(), StandardCharsets.UTF_8);

        assertThat(stored).contains("\"@kind\"").doesNotContain("\"type\"");
        try (CheckpointKitPersistenceProvider restarted = CheckpointKitPersistenceProvider.builder(store).json(users).build()) {
            assertThat(restarted.getLatestCheckpointAsync("s", null).join()).isEqualTo(data);
        }
        try (CheckpointKitPersistenceProvider withKoogsDefault = CheckpointKitPersistenceProvider.of(store)) {
            assertThatThrownBy(() -> withKoogsDefault.getLatestCheckpointAsync("s", null).join())
                    .hasCauseInstanceOf(CheckpointCorruptedException.class).hasMessageContaining(data.getCheckpointId());
        }
    }

    @Test
    void builderOptionsAreChecked() {
        assertThatThrownBy(() -> CheckpointKitPersistenceProvider.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CheckpointKitPersistenceProvider.builder(store).threads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> CheckpointKitPersistenceProvider.builder(store).queueCapacity(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> CheckpointKitPersistenceProvider.builder(store).json(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("json");
    }
}
