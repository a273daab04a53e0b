package io.checkpointkit.langchain4j;

import dev.langchain4j.agentic.scope.AgenticScopeKey;
import dev.langchain4j.agentic.scope.AgenticScopePersister;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.decorators.CircuitState;
import io.checkpointkit.micrometer.MeteredCheckpointStore;
import io.checkpointkit.micrometer.MeteringConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scope store over SQLite behind the TCK-tested decorators: metrics over a circuit breaker over
 * auto-trim. The workflow runs, restarts over the same file and goes on, while auto-trim keeps each
 * scope's history bounded and the metrics time every call the scope store made.
 */
class DecoratedAgenticScopeStoreTest {

    private static final int KEEP_LATEST = 2;
    private static final int THRESHOLD = 3;
    private static final int RESTARTS = 3;
    private static final int RUNS_PER_START = 4;
    private static final String METERED_STORE = "lc4j";

    @TempDir
    Path directory;

    @AfterEach
    void unregister() {
        AgenticScopePersister.setStore(null);
    }

    @Test
    void aWorkflowBehindAutoTrimBreakerAndMetricsRestartsAndStaysBounded() {
        String database = "sqlite:" + directory.resolve("scopes.db");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StringBuilder expected = new StringBuilder();
        for (int restart = 0; restart < RESTARTS; restart++) {
            try (CheckpointStore sqlite = CheckpointStores.open(database);
                 AutoTrimmingCheckpointStore trimming = AutoTrimmingCheckpointStore.wrap(sqlite,
                         AutoTrimConfig.builder().keepLatest(KEEP_LATEST).threshold(THRESHOLD)
                                 .executor(Runnable::run).build());
                 CircuitBreakingCheckpointStore breaker = CircuitBreakingCheckpointStore.wrap(trimming,
                         CircuitBreakerConfig.defaults());
                 MeteredCheckpointStore metered = MeteredCheckpointStore.wrap(breaker, registry,
                         MeteringConfig.builder().storeName(METERED_STORE).build())) {
                AgenticScopePersister.setStore(CheckpointKitAgenticScopeStore.of(metered));
                Workflows.Journal journal = Workflows.journal();
                for (int run = 0; run < RUNS_PER_START; run++) {
                    String item = restart + "." + run;
                    expected.append(expected.length() == 0 ? "" : ",").append(item);
                    assertThat(journal.record("bounded", item)).isEqualTo(expected.toString());
                }
                assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
                List<AgenticScopeKey> keys = List.copyOf(CheckpointKitAgenticScopeStore.of(metered).getAllKeys());
                assertThat(keys).hasSize(1);
                assertThat(sqlite.list(CheckpointKitAgenticScopeStore.executionIdOf(keys.get(0))))
                        .hasSizeLessThanOrEqualTo(KEEP_LATEST + THRESHOLD);
            }
        }
        // Every run saved the scope at least once, and read the previous one before (LangChain4j's save
        // links to its parent; each restarted workflow loads the scope on its first run).
        assertThat(timed(registry, "save")).isGreaterThanOrEqualTo(RESTARTS * RUNS_PER_START);
        assertThat(timed(registry, "latest")).isGreaterThanOrEqualTo(RESTARTS * RUNS_PER_START);
        assertThat(timed(registry, "executions")).isPositive();
        assertThat(registry.find(MeteringConfig.DEFAULT_METRIC_NAME).meters())
                .extracting(meter -> meter.getId().getTag("outcome")).containsOnly("success");
    }

    /** How many {@code operation} calls the metered stores timed, whatever their outcome. */
    private static long timed(SimpleMeterRegistry registry, String operation) {
        return registry.find(MeteringConfig.DEFAULT_METRIC_NAME).tag("store", METERED_STORE)
                .tag("operation", operation).timers().stream().mapToLong(timer -> timer.count()).sum();
    }
}
