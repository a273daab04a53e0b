package io.checkpointkit.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.testsupport.FaultProxy;
import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.util.ClassUtils;

/** The {@code checkpointStore} health indicator and {@code checkpointkit.store.fail-fast}. */
class HealthAndFailFastTest {

    private static final String PASSWORD = "s3cret-Pw";

    @Test
    void aReachableStoreIsUpWithItsBackendAndBreakerState() {
        Contexts.memoryRunner().withPropertyValues("checkpointkit.circuit-breaker.enabled=true").run(context -> {
            Object indicator = context.getBean(CheckpointKitAutoConfiguration.HEALTH_INDICATOR_NAME);
            boolean boot4 = ClassUtils.isPresent("org.springframework.boot.health.contributor.HealthIndicator", null);
            assertThat(indicator.getClass().getSimpleName())
                    .isEqualTo(boot4 ? "Boot4HealthIndicator" : "Boot3HealthIndicator");
            Contexts.HealthReport health = Contexts.health(context);
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.details()).containsEntry("backend", "memory").containsEntry("uri", "memory:")
                    .containsEntry("connected", true).containsEntry("circuitBreaker", "CLOSED");
        });
    }

    @Test
    void theApplicationsOwnStoreIsProbedToo() {
        Contexts.runner().withUserConfiguration(StoreAutoConfigurationTest.OwnStore.class).run(context -> {
            Contexts.HealthReport health = Contexts.health(context);
            assertThat(health.status()).isEqualTo("UP");
            assertThat(health.details()).containsKey("store");
        });
    }

    @Test
    void theIndicatorCanBeSwitchedOffAndNeedsTheActuator() {
        Contexts.memoryRunner().withPropertyValues("management.health.checkpointstore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CheckpointKitAutoConfiguration.HEALTH_INDICATOR_NAME)
                        .hasSingleBean(CheckpointStore.class));
        Contexts.memoryRunner()
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.health.",
                        "org.springframework.boot.health."))
                .run(context -> assertThat(context).doesNotHaveBean(CheckpointKitAutoConfiguration.HEALTH_INDICATOR_NAME)
                        .hasSingleBean(CheckpointStore.class));
    }

    @Test
    void anUnreachableServerStopsStartUpByDefaultWithoutThePassword() throws IOException {
        int port = closedPort();
        Contexts.runner()
                .withPropertyValues("checkpointkit.store.uri=postgresql://app:" + PASSWORD + "@127.0.0.1:" + port
                        + "/test?connectTimeout=1s")
                .run(context -> {
                    CheckpointStoreUnavailableException failure = StoreAutoConfigurationTest.rootCause(
                            context.getStartupFailure(), CheckpointStoreUnavailableException.class);
                    assertThat(failure.getMessage()).doesNotContain(PASSWORD);
                    FailureAnalysis analysis = new StoreUnavailableFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("checkpointkit.store.uri").doesNotContain(PASSWORD);
                    assertThat(analysis.getAction()).contains("checkpointkit.store.fail-fast=false");
                });
    }

    @Test
    void withoutFailFastStartUpGoesOnAndHealthIsDownWithoutThePassword() throws IOException {
        int port = closedPort();
        Contexts.runner()
                .withPropertyValues("checkpointkit.store.fail-fast=false",
                        "checkpointkit.store.uri=postgresql://app:" + PASSWORD + "@127.0.0.1:" + port + "/test",
                        "checkpointkit.store.options.connectTimeout=1s",
                        "checkpointkit.store.options.applicationName=" + PASSWORD + "-not-secret")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Contexts.HealthReport health = Contexts.health(context);
                    assertThat(health.status()).isEqualTo("DOWN");
                    assertThat(health.details()).containsEntry("connected", false).containsEntry("backend", "postgresql")
                            .containsKey("error");
                    assertThat(health.details().get("uri").toString()).doesNotContain(PASSWORD + "@");
                    assertThat(health.details().toString()).doesNotContain(":" + PASSWORD + "@");
                    assertThatThrownBy(() -> context.getBean(CheckpointStore.class).latest("exec-1"))
                            .isInstanceOf(CheckpointStoreUnavailableException.class)
                            .hasMessageNotContaining(":" + PASSWORD + "@");
                });
        Contexts.runner()
                .withPropertyValues("checkpointkit.store.fail-fast=false",
                        "checkpointkit.store.uri=postgresql://app@127.0.0.1:" + port + "/test?connectTimeout=1s",
                        "checkpointkit.store.options.password=" + PASSWORD)
                .run(context -> {
                    Contexts.HealthReport health = Contexts.health(context);
                    assertThat(health.status()).isEqualTo("DOWN");
                    assertThat(health.details().toString()).doesNotContain(PASSWORD);
                });
    }

    @Test
    void withoutFailFastRedisConnectsOnceTheServerAnswers() {
        String prefix = Contexts.unique("ckboot");
        try {
            connectsOnceTheServerAnswers(TestServers.redis(),
                    port -> "redis://127.0.0.1:" + port + "?prefix=" + prefix + "&connectTimeout=1s&timeout=2s");
        } finally {
            TestData.deleteRedisKeys(prefix);
        }
    }

    @Test
    void withoutFailFastPostgresConnectsOnceTheServerAnswers() throws Exception {
        String table = Contexts.unique("ckboot_");
        try {
            connectsOnceTheServerAnswers(TestServers.postgres(),
                    port -> "postgresql://postgres@127.0.0.1:" + port + "/test?table=" + table + "&connectTimeout=1s");
        } finally {
            TestData.dropPostgresTables(table);
        }
    }

    private static void connectsOnceTheServerAnswers(String serverUri, IntFunction<String> storeUri) {
        URI server = URI.create(serverUri);
        try (FaultProxy proxy = FaultProxy.start(server.getHost(), server.getPort())) {
            proxy.refuse();
            Contexts.runner()
                    .withPropertyValues("checkpointkit.store.fail-fast=false",
                            "checkpointkit.store.uri=" + storeUri.apply(proxy.port()))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        CheckpointStore store = context.getBean(CheckpointStore.class);
                        assertThat(Contexts.health(context).status()).isEqualTo("DOWN");
                        assertThatThrownBy(() -> store.save(Checkpoint.builder("exec-1").build()))
                                .isInstanceOf(CheckpointStoreUnavailableException.class);

                        proxy.accept();
                        Contexts.HealthReport health = Contexts.health(context);
                        assertThat(health.status()).as("%s", health.details()).isEqualTo("UP");
                        assertThat(health.details()).containsEntry("connected", true);
                        Checkpoint saved = store.save(Checkpoint.builder("exec-1").id("cp-1").build());
                        assertThat(store.load("cp-1")).contains(saved);
                    });
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
