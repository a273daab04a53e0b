package io.checkpointkit.springboot.autoconfigure;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.retention.RetentionPolicy;
import io.checkpointkit.retention.RetentionSweeper;
import java.time.Duration;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of CheckpointKit: a {@link CheckpointStore} bean from the
 * {@code checkpointkit.*} properties ({@link CheckpointKitProperties}), unless the application
 * defines its own; a scheduled {@link RetentionSweeper} when {@code checkpointkit.retention.enabled};
 * and, with the actuator, the {@code checkpointStore} health indicator on Boot 3 or Boot 4.
 *
 * <p>The store is built from the backend outwards: backend, circuit breaker, auto-trim,
 * preloader, encryption, compression, Micrometer timers (when a {@code MeterRegistry} bean
 * exists); each decorator only when enabled. With {@code checkpointkit.preloader.cache-plaintext}
 * the preloader moves outside compression, so it caches decrypted states. On shutdown it waits for running calls, then closes the chain and the backend,
 * but never a DataSource or Redis client it reuses from the application.
 */
@AutoConfiguration(afterName = {
        // So that their DataSource, RedisClient, connection factory and MeterRegistry are defined
        // first (Boot 3 names, then Boot 4 names; a name that is absent is ignored).
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(CheckpointStore.class)
@EnableConfigurationProperties(CheckpointKitProperties.class)
public class CheckpointKitAutoConfiguration {

    /** Name of the health contributor: {@value}. */
    public static final String HEALTH_INDICATOR_NAME = "checkpointStoreHealthIndicator";

    /** Created by Spring Boot. */
    public CheckpointKitAutoConfiguration() {
    }

    /**
     * The store. Closed on context shutdown after the calls running through it return (see
     * {@code checkpointkit.store.shutdown-timeout}).
     *
     * @throws InvalidCheckpointKitPropertyException if a property is invalid (before any I/O)
     * @throws io.checkpointkit.CheckpointStoreUnavailableException if the server does not answer
     *     and {@code checkpointkit.store.fail-fast} is true
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(CheckpointStore.class)
    CheckpointStore checkpointStore(CheckpointKitProperties properties, ConfigurableListableBeanFactory beans) {
        ClassLoader loader = beans.getBeanClassLoader();
        return StoreChainFactory.create(properties, beans,
                loader == null ? CheckpointKitAutoConfiguration.class.getClassLoader() : loader);
    }

    /** The scheduled sweep; closed (its schedule stopped) before the store closes. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(RetentionSweeper.class)
    @ConditionalOnProperty(prefix = "checkpointkit.retention", name = "enabled", havingValue = "true")
    RetentionSweeper checkpointRetentionSweeper(CheckpointStore store, CheckpointKitProperties properties) {
        CheckpointKitProperties.Retention p = properties.getRetention();
        String prefix = CheckpointKitProperties.PREFIX + ".retention.";
        if (p.getKeepLatest() < 0) {
            throw new InvalidCheckpointKitPropertyException(prefix + "keep-latest", "must be 0 (no trim) or more, was "
                    + p.getKeepLatest(), null);
        }
        Duration idle = p.getClearIdleAfter();
        if (idle == null || idle.isNegative()) {
            throw new InvalidCheckpointKitPropertyException(prefix + "clear-idle-after",
                    "must be 0 (never clear) or more, was " + idle, null);
        }
        if (p.getKeepLatest() == 0 && idle.isZero()) {
            throw new InvalidCheckpointKitPropertyException(prefix + "enabled", "the sweeper has nothing to do: set "
                    + prefix + "keep-latest or " + prefix + "clear-idle-after", null);
        }
        RetentionPolicy[] policy = {p.getKeepLatest() > 0 ? RetentionPolicy.keepLatest(p.getKeepLatest())
                : RetentionPolicy.keepAll()};
        if (!idle.isZero()) {
            InvalidCheckpointKitPropertyException.check(prefix + "clear-idle-after",
                    () -> policy[0] = policy[0].clearIdleAfter(idle));
        }
        RetentionSweeper.Builder builder = RetentionSweeper.builder(store, policy[0]).dryRun(p.isDryRun());
        InvalidCheckpointKitPropertyException.check(prefix + "page-size", () -> builder.pageSize(p.getPageSize()));
        RetentionSweeper sweeper = builder.build();
        try {
            InvalidCheckpointKitPropertyException.check(prefix + "interval / " + prefix + "initial-delay",
                    () -> sweeper.start(p.getInitialDelay(), p.getInterval()));
        } catch (RuntimeException e) {
            sweeper.close();
            throw e;
        }
        return sweeper;
    }

    /** The health indicator on Boot 3, whose HealthIndicator is in spring-boot-actuator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnProperty(prefix = "management.health.checkpointstore", name = "enabled", matchIfMissing = true)
    static class Boot3Health {

        @Bean(HEALTH_INDICATOR_NAME)
        @ConditionalOnMissingBean(name = HEALTH_INDICATOR_NAME)
        Boot3HealthIndicator checkpointStoreHealthIndicator(CheckpointStore store) {
            return new Boot3HealthIndicator(new CheckpointStoreHealth(store));
        }
    }

    /** The health indicator on Boot 4, whose HealthIndicator moved to spring-boot-health. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnProperty(prefix = "management.health.checkpointstore", name = "enabled", matchIfMissing = true)
    static class Boot4Health {

        @Bean(HEALTH_INDICATOR_NAME)
        @ConditionalOnMissingBean(name = HEALTH_INDICATOR_NAME)
        Boot4HealthIndicator checkpointStoreHealthIndicator(CheckpointStore store) {
            return new Boot4HealthIndicator(new CheckpointStoreHealth(store));
        }
    }
}
