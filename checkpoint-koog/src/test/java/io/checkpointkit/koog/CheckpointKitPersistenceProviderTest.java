package io.checkpointkit.koog;

import ai.koog.agents.snapshot.feature.AgentCheckpointData;
import ai.koog.agents.snapshot.feature.AgentCheckpointDataKt;
import ai.koog.agents.snapshot.providers.filters.AgentCheckpointPredicateFilter;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.decorators.CircuitState;
import io.checkpointkit.micrometer.MeteredCheckpointStore;
import io.checkpointkit.micrometer.MeteringConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.checkpointkit.koog.KoogCheckpoints.afterNode;
import static io.checkpointkit.koog.KoogCheckpoints.nodePath;
import static io.checkpointkit.koog.KoogCheckpoints.tombstone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real Koog agent with the Persistence feature over the provider, failed and restarted over a newly
 * opened store, bare and behind the TCK-tested decorators (metrics over a circuit breaker over auto-trim);
 * and the provider driven the way that feature drives it: after each node it asks for the latest
 * checkpoint, saves the next one with the latest's version + 1, ends with a tombstone, and on start
 * restores the latest. Each backend's test class says how a store over the same data is opened.
 */
abstract class CheckpointKitPersistenceProviderTest {

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Opens a new store over this test's data (its file, table or key prefix), as another process would. */
    protected abstract CheckpointStore openStore();

    private final List<String> sessions = new ArrayList<>();

    /** Closes what the test opened, then clears the test's sessions through a store of their own (random ids). */
    @AfterEach
    void closeAndClear() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        try (CheckpointStore store = openStore()) {
            sessions.forEach(store::clear);
        }
    }

    private CheckpointStore store() {
        CheckpointStore store = openStore();
        opened.add(store);
        return store;
    }

    /** The name the decorated stores' timers carry in their {@code store} tag. */
    private static final String METERED_STORE = "koog";

    /**
     * A new store over this test's data behind metrics ({@code registry}, store tag {@value #METERED_STORE})
     * over a circuit breaker over auto-trim (in the saving thread, so each trim is done when its save returns).
     */
    private CheckpointStore decoratedStore(MeterRegistry registry, AutoTrimConfig.Builder trim,
            List<CircuitBreakingCheckpointStore> breakers) {
        CircuitBreakingCheckpointStore breaker = CircuitBreakingCheckpointStore.wrap(
                AutoTrimmingCheckpointStore.wrap(store(), trim.executor(Runnable::run).build()),
                CircuitBreakerConfig.defaults());
        breakers.add(breaker);
        CheckpointStore metered = MeteredCheckpointStore.wrap(breaker, registry,
                MeteringConfig.builder().storeName(METERED_STORE).build());
        opened.add(metered);
        return metered;
    }

    /** How many {@code operation} calls the decorated stores timed, whatever their outcome. */
    private static long timed(MeterRegistry registry, String operation) {
        return registry.find(MeteringConfig.DEFAULT_METRIC_NAME).tag("store", METERED_STORE)
                .tag("operation", operation).timers().stream().mapToLong(timer -> timer.count()).sum();
    }

    private CheckpointKitPersistenceProvider provider(CheckpointStore store) {
        CheckpointKitPersistenceProvider provider = CheckpointKitPersistenceProvider.of(store);
        opened.add(provider);
        return provider;
    }

    private String newSession() {
        String session = "session-" + UUID.randomUUID();
        sessions.add(session);
        return session;
    }

    /** What the feature does after a node: latest, then save the next version. */
    private static AgentCheckpointData checkpointAfter(CheckpointKitPersistenceProvider provider, String session,
            String node, long epochMillis, String... messages) {
        AgentCheckpointData parent = provider.getLatestCheckpointAsync(session, null).join();
        long version = parent == null ? 0 : parent.getVersion() + 1;
        AgentCheckpointData data = afterNode(node, version, epochMillis, messages);
        assertThat(provider.saveCheckpointAsync(session, data).join()).isTrue();
        return data;
    }

    /**
     * Runs the checkout agent over a provider over a store from {@code stores} until it dies in review, then
     * over a new provider over another store from {@code stores}, and checks that it resumed after draft and
     * ended with Koog's tombstone.
     */
    private void crashAndResume(String session, Supplier<CheckpointStore> stores) {
        CheckoutAgent checkout = new CheckoutAgent();
        CheckpointKitPersistenceProvider crashed = provider(stores.get());
        assertThatThrownBy(() -> checkout.over(crashed).run("in", session))
                .hasStackTraceContaining("the process dies in review");

        checkout.failInReview = false;
        CheckpointKitPersistenceProvider restarted = provider(stores.get());
        assertThat(nodePath(restarted.getLatestCheckpointAsync(session, null).join())).endsWith("/draft");
        String output = checkout.over(restarted).run("in", session);

        assertThat(output).isEqualTo("in>draft>review>send");
        assertThat(checkout.runsOf("draft")).isEqualTo(1);
        assertThat(checkout.runsOf("review")).isEqualTo(2);
        assertThat(AgentCheckpointDataKt.isTombstone(restarted.getLatestCheckpointAsync(session, null).join())).isTrue();
    }

    private static List<String> kinds(List<Checkpoint> history) {
        return history.stream().map(c -> c.metadata().get(CheckpointKitPersistenceProvider.KIND_KEY)).toList();
    }

    @Test
    void aKoogAgentRestartedOverANewStoreResumesAfterItsLastCheckpoint() {
        String session = newSession();

        crashAndResume(session, this::store);

        assertThat(kinds(store().list(session))).containsExactly("graph", "graph", "graph", "tombstone");
    }

    @Test
    void aKoogAgentBehindAutoTrimBreakerAndMetricsResumesAndItsHistoryStaysBounded() {
        String session = newSession();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<CircuitBreakingCheckpointStore> breakers = new ArrayList<>();
        AutoTrimConfig.Builder keepOne = AutoTrimConfig.builder().keepLatest(1).threshold(2);

        crashAndResume(session, () -> decoratedStore(registry, keepOne, breakers));

        // Koog saved four checkpoints (draft before the crash; review, send and the tombstone after it) ...
        assertThat(timed(registry, "save")).isEqualTo(4);
        assertThat(timed(registry, "latest")).isPositive();
        assertThat(registry.find(MeteringConfig.DEFAULT_METRIC_NAME).meters())
                .extracting(meter -> meter.getId().getTag("outcome")).containsOnly("success");
        // ... and auto-trim (keep 1, every 2 saves of a store) left at most 2 of them, the tombstone last.
        List<String> kept = kinds(store().list(session));
        assertThat(kept).hasSizeBetween(1, 2).endsWith("tombstone");
        assertThat(breakers).extracting(CircuitBreakingCheckpointStore::state).containsOnly(CircuitState.CLOSED);
    }

    @Test
    void aRestartedProviderOverTheSameStoreRestoresTheLatestCheckpoint() {
        String session = newSession();
        CheckpointKitPersistenceProvider first = provider(store());
        checkpointAfter(first, session, "plan", 1_000, "hi");
        checkpointAfter(first, session, "act", 2_000, "hi", "go on");
        AgentCheckpointData last = checkpointAfter(first, session, "reflect", 3_000, "hi", "go on", "and?");

        CheckpointKitPersistenceProvider restarted = provider(store());
        AgentCheckpointData restored = restarted.getLatestCheckpointAsync(session, null).join();

        assertThat(restored).isEqualTo(last);
        assertThat(restored.getVersion()).isEqualTo(2);
        assertThat(nodePath(restored)).isEqualTo("reflect");
        assertThat(restored.getMessageHistory()).hasSize(3);
        assertThat(restarted.getCheckpointsAsync(session, null).join())
                .extracting(KoogCheckpoints::nodePath).containsExactly("plan", "act", "reflect");
    }

    @Test
    void theFilterSelectsInListAndLatest() {
        String session = newSession();
        CheckpointKitPersistenceProvider provider = provider(store());
        checkpointAfter(provider, session, "plan", 1_000);
        checkpointAfter(provider, session, "act", 2_000);
        checkpointAfter(provider, session, "plan", 3_000);
        checkpointAfter(provider, session, "act", 4_000);
        AgentCheckpointPredicateFilter plans = data -> "plan".equals(nodePath(data));

        assertThat(provider.getCheckpointsAsync(session, plans).join())
                .extracting(AgentCheckpointData::getVersion).containsExactly(0L, 2L);
        assertThat(provider.getLatestCheckpointAsync(session, plans).join().getVersion()).isEqualTo(2);
        assertThat(provider.getLatestCheckpointAsync(session, data -> false).join()).isNull();
    }

    @Test
    void aTombstoneEndsTheSessionAndIsTheLatest() {
        String session = newSession();
        CheckpointKitPersistenceProvider provider = provider(store());
        checkpointAfter(provider, session, "plan", 1_000);
        provider.saveCheckpointAsync(session, tombstone(1, 2_000)).join();

        AgentCheckpointData latest = provider(store()).getLatestCheckpointAsync(session, null).join();

        assertThat(AgentCheckpointDataKt.isTombstone(latest)).isTrue();
        assertThat(latest.getVersion()).isEqualTo(1);
    }

    @Test
    void theStoredCheckpointCarriesTheMapping() {
        String session = newSession();
        CheckpointStore store = store();
        AgentCheckpointData data = checkpointAfter(provider(store), session, "plan", 1_234);

        Checkpoint stored = store.load(data.getCheckpointId()).orElseThrow();

        assertThat(stored.executionId()).isEqualTo(session);
        assertThat(stored.timestamp().toEpochMilli()).isEqualTo(1_234);
        assertThat(stored.nodeName()).isEqualTo("plan");
        assertThat(stored.metadata()).containsEntry(CheckpointKitPersistenceProvider.VERSION_KEY, "0")
                .containsEntry(CheckpointKitPersistenceProvider.KIND_KEY, "graph");
        assertThat(stored.version()).isEqualTo(1);
    }

    @Test
    void anUnknownSessionHasNoCheckpoints() {
        CheckpointKitPersistenceProvider provider = provider(store());

        assertThat(provider.getCheckpointsAsync(newSession(), null).join()).isEmpty();
        assertThat(provider.getLatestCheckpointAsync(newSession(), null).join()).isNull();
    }

    @Test
    void autoTrimBoundsALongSessionBehindTheBreakerAndMetrics() {
        String session = newSession();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CheckpointStore decorated = decoratedStore(registry, AutoTrimConfig.builder().keepLatest(5).threshold(5),
                new ArrayList<>());
        CheckpointKitPersistenceProvider provider = provider(decorated);
        AgentCheckpointData last = null;
        for (int step = 0; step < 40; step++) {
            last = checkpointAfter(provider, session, "step-" + step, 1_000L + step);
        }

        assertThat(provider.getCheckpointsAsync(session, null).join().size()).isBetween(1, 10);
        assertThat(timed(registry, "save")).isEqualTo(40);
        AgentCheckpointData restored = provider(store()).getLatestCheckpointAsync(session, null).join();
        assertThat(restored).isEqualTo(last);
        assertThat(restored.getVersion()).isEqualTo(39);
    }
}
