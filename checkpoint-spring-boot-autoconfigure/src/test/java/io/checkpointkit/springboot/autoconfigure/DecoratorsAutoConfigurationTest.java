package io.checkpointkit.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.decorators.CircuitState;
import io.checkpointkit.preloader.PreloadingCheckpointStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code checkpointkit.auto-trim.*}, {@code circuit-breaker.*}, {@code preloader.*} and
 * {@code metrics.*} (compression and encryption: {@link StateCodecsAutoConfigurationTest}): each off unless enabled, its values reach the decorator, bad values name
 * the property, and the order of the chain is fixed.
 */
class DecoratorsAutoConfigurationTest {

    @Test
    void withoutPropertiesTheBeanIsTheBackendAlone() {
        Contexts.memoryRunner().run(context ->
                assertThat(layers(context.getBean(CheckpointStore.class))).containsExactly("ConnectingCheckpointStore"));
    }

    @Test
    void everyDecoratorEnabledComposesInTheDocumentedOrder(@TempDir Path dir) throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), StateCodecsAutoConfigurationTest.keyLines("k1"));
        String[] everything = {"checkpointkit.auto-trim.enabled=true", "checkpointkit.circuit-breaker.enabled=true",
            "checkpointkit.preloader.enabled=true", "checkpointkit.compression.enabled=true",
            "checkpointkit.encryption.enabled=true", "checkpointkit.encryption.keys-file=" + keys};
        Contexts.memoryRunner()
                .withUserConfiguration(Meters.class)
                .withPropertyValues(everything)
                .run(context -> assertThat(layers(context.getBean(CheckpointStore.class))).containsExactly(
                        "MeteredCheckpointStore", "CompressingCheckpointStore", "EncryptingCheckpointStore",
                        "PreloadingCheckpointStore", "AutoTrimmingCheckpointStore", "CircuitBreakingCheckpointStore",
                        "ConnectingCheckpointStore"));
        Contexts.memoryRunner()
                .withUserConfiguration(Meters.class)
                .withPropertyValues(everything)
                .withPropertyValues("checkpointkit.preloader.cache-plaintext=true")
                .run(context -> assertThat(layers(context.getBean(CheckpointStore.class))).containsExactly(
                        "MeteredCheckpointStore", "PreloadingCheckpointStore", "CompressingCheckpointStore",
                        "EncryptingCheckpointStore", "AutoTrimmingCheckpointStore", "CircuitBreakingCheckpointStore",
                        "ConnectingCheckpointStore"));
    }

    @Test
    void autoTrimPropertiesReachItsConfigAndTrim() {
        Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.auto-trim.enabled=true", "checkpointkit.auto-trim.keep-latest=2",
                        "checkpointkit.auto-trim.threshold=3", "checkpointkit.auto-trim.queue-capacity=7",
                        "checkpointkit.auto-trim.on-close=drop", "checkpointkit.auto-trim.close-timeout=3s")
                .run(context -> {
                    AutoTrimConfig config = layer(context.getBean(CheckpointStore.class),
                            AutoTrimmingCheckpointStore.class).config();
                    assertThat(config.keepLatest()).isEqualTo(2);
                    assertThat(config.threshold()).isEqualTo(3);
                    assertThat(config.queueCapacity()).isEqualTo(7);
                    assertThat(config.onClose()).isEqualTo(AutoTrimConfig.OnClose.DROP);
                    assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(3));
                });
    }

    @Test
    void circuitBreakerPropertiesReachItsConfig() {
        Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.circuit-breaker.enabled=true",
                        "checkpointkit.circuit-breaker.failure-rate-threshold=0.25",
                        "checkpointkit.circuit-breaker.sliding-window-size=8",
                        "checkpointkit.circuit-breaker.minimum-calls=4",
                        "checkpointkit.circuit-breaker.wait-in-open=PT5S",
                        "checkpointkit.circuit-breaker.permitted-trial-calls=2")
                .run(context -> {
                    CircuitBreakingCheckpointStore breaker = layer(context.getBean(CheckpointStore.class),
                            CircuitBreakingCheckpointStore.class);
                    assertThat(breaker.config().failureRateThreshold()).isEqualTo(0.25);
                    assertThat(breaker.config().slidingWindowSize()).isEqualTo(8);
                    assertThat(breaker.config().minimumCalls()).isEqualTo(4);
                    assertThat(breaker.config().waitInOpen()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(breaker.config().permittedTrialCalls()).isEqualTo(2);
                    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
                });
    }

    @Test
    void preloaderPropertiesReachItsConfig() {
        Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.preloader.enabled=true", "checkpointkit.preloader.maximum-size=50",
                        "checkpointkit.preloader.expire-after-write=30s", "checkpointkit.preloader.interval=5s",
                        "checkpointkit.preloader.decay-factor=0.5", "checkpointkit.preloader.decay-period=10m",
                        "checkpointkit.preloader.threshold=0.75", "checkpointkit.preloader.max-tracked-keys=40",
                        "checkpointkit.preloader.batch-size=9", "checkpointkit.preloader.max-related-keys=2",
                        "checkpointkit.preloader.parallelism=1", "checkpointkit.preloader.unread-expiry-factor=0.25")
                .run(context -> {
                    var config = layer(context.getBean(CheckpointStore.class), PreloadingCheckpointStore.class).config();
                    assertThat(config.maximumSize()).isEqualTo(50);
                    assertThat(config.expireAfterWrite()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(config.interval()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(config.decayFactor()).isEqualTo(0.5);
                    assertThat(config.decayPeriod()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(config.threshold()).isEqualTo(0.75);
                    assertThat(config.maxTrackedKeys()).isEqualTo(40);
                    assertThat(config.batchSize()).isEqualTo(9);
                    assertThat(config.maxRelatedKeys()).isEqualTo(2);
                    assertThat(config.parallelism()).isEqualTo(1);
                    assertThat(config.unreadExpiryFactor()).isEqualTo(0.25);
                });
    }

    @Test
    void anOutOfRangeValueStopsStartUpNamingTheProperty() {
        expectInvalid("checkpointkit.auto-trim.threshold", "checkpointkit.auto-trim.enabled=true",
                "checkpointkit.auto-trim.threshold=0");
        expectInvalid("checkpointkit.circuit-breaker.failure-rate-threshold",
                "checkpointkit.circuit-breaker.enabled=true", "checkpointkit.circuit-breaker.failure-rate-threshold=2");
        expectInvalid("checkpointkit.preloader.decay-factor", "checkpointkit.preloader.enabled=true",
                "checkpointkit.preloader.decay-factor=1.5");
    }

    @Test
    void aBlankStoreNameStopsStartUpBeforeTheStoreOpens() {
        Contexts.runner().withUserConfiguration(Meters.class)
                .withPropertyValues("checkpointkit.store.uri=postgresql://app@127.0.0.1:1/db?connectTimeout=1s",
                        "checkpointkit.metrics.store-name= ")
                .run(context -> assertThat(StoreAutoConfigurationTest.rootCause(context.getStartupFailure(),
                        InvalidCheckpointKitPropertyException.class).property())
                        .isEqualTo("checkpointkit.metrics.store-name"));
    }

    @Test
    void aDisabledDecoratorsBadValueIsIgnored() {
        Contexts.memoryRunner().withPropertyValues("checkpointkit.auto-trim.threshold=0")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void thePreloaderWithoutItsModuleStopsStartUpNamingTheProperty() {
        Contexts.memoryRunner()
                .withClassLoader(new FilteredClassLoader("io.checkpointkit.preloader."))
                .withPropertyValues("checkpointkit.preloader.enabled=true")
                .run(context -> {
                    InvalidCheckpointKitPropertyException failure = StoreAutoConfigurationTest.rootCause(
                            context.getStartupFailure(), InvalidCheckpointKitPropertyException.class);
                    assertThat(failure.property()).isEqualTo("checkpointkit.preloader.enabled");
                    assertThat(failure.getMessage()).contains("checkpoint-preloader");
                });
    }

    @Test
    void withAMeterRegistryTheStoreIsTimedAndTheDecoratorsStatisticsAreBound() {
        Contexts.memoryRunner()
                .withUserConfiguration(Meters.class)
                .withPropertyValues("checkpointkit.auto-trim.enabled=true", "checkpointkit.circuit-breaker.enabled=true",
                        "checkpointkit.preloader.enabled=true", "checkpointkit.metrics.store-name=agents")
                .run(context -> {
                    context.getBean(CheckpointStore.class).save(Checkpoint.builder("exec-1").build());
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("checkpoint.store.operations").tag("store", "agents").timers())
                            .isNotEmpty();
                    assertThat(registry.find("checkpoint.breaker.calls").tag("store", "agents").meters()).isNotEmpty();
                    assertThat(registry.find("checkpoint.autotrim.trims").tag("store", "agents").meters()).isNotEmpty();
                    assertThat(registry.find("checkpoint.preloader.accesses").tag("store", "agents").meters())
                            .isNotEmpty();
                });
    }

    @Test
    void metricsCanBeSwitchedOffAndNeedAMeterRegistry() {
        Contexts.memoryRunner().withUserConfiguration(Meters.class)
                .withPropertyValues("checkpointkit.metrics.enabled=false")
                .run(context -> assertThat(layers(context.getBean(CheckpointStore.class)))
                        .doesNotContain("MeteredCheckpointStore"));
        Contexts.memoryRunner().run(context -> assertThat(layers(context.getBean(CheckpointStore.class)))
                .doesNotContain("MeteredCheckpointStore"));
        Contexts.memoryRunner().withUserConfiguration(Meters.class)
                .withClassLoader(new FilteredClassLoader("io.checkpointkit.micrometer."))
                .run(context -> assertThat(layers(context.getBean(CheckpointStore.class)))
                        .doesNotContain("MeteredCheckpointStore"));
    }

    private static void expectInvalid(String property, String... properties) {
        Contexts.memoryRunner().withPropertyValues(properties).run(context ->
                assertThat(StoreAutoConfigurationTest.rootCause(context.getStartupFailure(),
                        InvalidCheckpointKitPropertyException.class).property()).isEqualTo(property));
    }

    static List<String> layers(CheckpointStore bean) {
        return ((ManagedCheckpointStore) bean).layers().stream()
                .map(layer -> layer.getClass().getSimpleName()).collect(Collectors.toList());
    }

    static <T> T layer(CheckpointStore bean, Class<T> type) {
        return ((ManagedCheckpointStore) bean).layers().stream().filter(type::isInstance).map(type::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + layers(bean)));
    }

    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
