package io.checkpointkit.springboot.autoconfigure;

import static io.checkpointkit.springboot.autoconfigure.InvalidCheckpointKitPropertyException.check;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.decorators.CircuitBreakingCheckpointStore;
import io.checkpointkit.spi.StoreUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Builds the {@code CheckpointStore} bean from the properties, in a fixed order from the backend
 * outwards:
 * <ol>
 *   <li>the backend, by URI ({@link ConnectingCheckpointStore}: opened now, or later with
 *       {@code fail-fast=false});
 *   <li>the circuit breaker, nearest the backend, so it counts only the backend's failures;
 *   <li>auto-trim, whose background trims then pass the breaker;
 *   <li>the preloader, so cache hits need neither the breaker nor the backend; here, inside
 *       encryption and compression, it caches the stored bytes (ciphertext), unless
 *       {@code preloader.cache-plaintext};
 *   <li>encryption, then compression outside it: a state is compressed, then encrypted
 *       (ciphertext does not compress);
 *   <li>the preloader here instead, with {@code preloader.cache-plaintext}: it caches the states
 *       the application sees;
 *   <li>the Micrometer timers, outermost, so they time what the application sees;
 *   <li>{@link ManagedCheckpointStore}, which lets running calls finish on shutdown.
 * </ol>
 * Every property is checked before any connection is opened.
 */
final class StoreChainFactory {

    static final String URI = CheckpointKitProperties.PREFIX + ".store.uri";
    static final String OPTIONS = CheckpointKitProperties.PREFIX + ".store.options";
    static final String SHUTDOWN_TIMEOUT = CheckpointKitProperties.PREFIX + ".store.shutdown-timeout";
    private static final String PRELOADER_CLASS = "io.checkpointkit.preloader.PreloadingCheckpointStore";
    private static final String METRICS_CLASS = "io.checkpointkit.micrometer.MeteredCheckpointStore";
    private static final String MICROMETER_CLASS = "io.micrometer.core.instrument.MeterRegistry";

    private StoreChainFactory() {
    }

    /**
     * @param loader the application's class loader, which decides which optional parts are present
     */
    static ManagedCheckpointStore create(CheckpointKitProperties properties, ListableBeanFactory beans,
            ClassLoader loader) {
        CheckpointKitProperties.Store store = properties.getStore();
        StoreUri uri = parse(store.getUri(), store.getOptions());
        Supplier<CheckpointStore> opener = opener(uri, store.getUri(), store.getOptions(), beans, loader);
        if (store.getShutdownTimeout() == null || store.getShutdownTimeout().isNegative()) {
            throw new InvalidCheckpointKitPropertyException(SHUTDOWN_TIMEOUT, "must be 0 or more", null);
        }
        CircuitBreakerConfig breakerConfig = properties.getCircuitBreaker().isEnabled()
                ? circuitBreaker(properties.getCircuitBreaker()) : null;
        AutoTrimConfig trimConfig = properties.getAutoTrim().isEnabled() ? autoTrim(properties.getAutoTrim()) : null;
        Object preloaderConfig = null;
        if (properties.getPreloader().isEnabled()) {
            requireModule(loader, PRELOADER_CLASS, "preloader", "checkpoint-preloader");
            preloaderConfig = PreloaderSupport.config(properties.getPreloader());
        }
        Object compressionConfig = null;
        if (properties.getCompression().isEnabled()) {
            requireModule(loader, CompressionSupport.CLASS, "compression", "checkpoint-compression");
            compressionConfig = CompressionSupport.config(properties.getCompression());
        }
        Object encryptionConfig = null;
        if (properties.getEncryption().isEnabled()) {
            requireModule(loader, EncryptionSupport.CLASS, "encryption", "checkpoint-encryption");
            encryptionConfig = EncryptionSupport.config(properties.getEncryption(), beans, System.getenv());
        }
        boolean preloadPlaintext = properties.getPreloader().isCachePlaintext();
        Object registry = properties.getMetrics().isEnabled() && ClassUtils.isPresent(MICROMETER_CLASS, loader)
                && ClassUtils.isPresent(METRICS_CLASS, loader) ? MeteredChain.registry(beans) : null;
        String storeName = properties.getMetrics().getStoreName();
        Object meteringConfig = registry == null ? null : MeteredChain.config(storeName);

        ConnectingCheckpointStore connection;
        try {
            connection = ConnectingCheckpointStore.open(opener, uri.toString(), store.isFailFast());
        } catch (InvalidCheckpointKitPropertyException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointKitPropertyException(store.getOptions().isEmpty() ? URI : URI + " / " + OPTIONS,
                    e.getMessage(), e);
        }
        CheckpointStore chain = connection;
        List<CheckpointStore> layers = new ArrayList<>(List.of(connection));
        CircuitBreakingCheckpointStore breaker = null;
        AutoTrimmingCheckpointStore trimming = null;
        CheckpointStore preloading = null;
        if (breakerConfig != null) {
            chain = breaker = CircuitBreakingCheckpointStore.wrap(chain, breakerConfig);
            layers.add(0, chain);
        }
        if (trimConfig != null) {
            chain = trimming = AutoTrimmingCheckpointStore.wrap(chain, trimConfig);
            layers.add(0, chain);
        }
        try {
            if (preloaderConfig != null && !preloadPlaintext) {
                chain = preloading = PreloaderSupport.wrap(chain, preloaderConfig);
                layers.add(0, chain);
            }
            if (encryptionConfig != null) {
                chain = EncryptionSupport.wrap(chain, encryptionConfig);
                layers.add(0, chain);
            }
            if (compressionConfig != null) {
                chain = CompressionSupport.wrap(chain, compressionConfig);
                layers.add(0, chain);
            }
        } catch (RuntimeException e) {
            // The key source failed between its check and wrap: close what was opened.
            for (CheckpointStore layer : layers) {
                closeQuietly(layer, e);
            }
            throw e;
        }
        if (preloaderConfig != null && preloadPlaintext) {
            chain = preloading = PreloaderSupport.wrap(chain, preloaderConfig);
            layers.add(0, chain);
        }
        if (registry != null) {
            chain = MeteredChain.wrap(chain, registry, meteringConfig, storeName, breaker, trimming);
            layers.add(0, chain);
            if (preloading != null) {
                PreloaderSupport.bindMetrics(preloading, registry, storeName);
            }
        }
        return new ManagedCheckpointStore(layers, breaker, uri.scheme(), uri.toString(), store.getShutdownTimeout());
    }

    private static void requireModule(ClassLoader loader, String className, String group, String module) {
        if (!ClassUtils.isPresent(className, loader)) {
            throw new InvalidCheckpointKitPropertyException(CheckpointKitProperties.PREFIX + "." + group + ".enabled",
                    "the " + group + " needs io.checkpointkit:" + module + " on the class path", null);
        }
    }

    private static void closeQuietly(CheckpointStore layer, RuntimeException failure) {
        try {
            layer.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static StoreUri parse(String uri, Map<String, String> options) {
        if (uri == null || uri.isBlank()) {
            throw new InvalidCheckpointKitPropertyException(URI, "must not be empty; for example sqlite:./checkpointkit.db",
                    null);
        }
        try {
            return StoreUri.parse(uri, options == null ? Map.of() : options);
        } catch (IllegalArgumentException e) {
            throw new InvalidCheckpointKitPropertyException(URI, e.getMessage(), e);
        }
    }

    private static Supplier<CheckpointStore> opener(StoreUri uri, String rawUri, Map<String, String> options,
            ListableBeanFactory beans, ClassLoader loader) {
        switch (uri.scheme()) {
            case BeanBackends.DATASOURCE_SCHEME:
                return BeanBackends.dataSource(uri, beans, loader);
            case BeanBackends.REDIS_SCHEME:
                return BeanBackends.redis(uri, beans, loader);
            default:
                Set<String> schemes = CheckpointStores.schemes();
                if (!schemes.contains(uri.scheme())) {
                    throw new InvalidCheckpointKitPropertyException(URI, "no CheckpointStore backend for scheme '"
                            + uri.scheme() + "' (in " + uri + "); schemes on the class path: " + schemes
                            + ", and " + BeanBackends.DATASOURCE_SCHEME + ": / " + BeanBackends.REDIS_SCHEME
                            + ": to reuse the application's DataSource or Redis client. Add the backend's module"
                            + " (for example io.checkpointkit:checkpoint-postgres) as a dependency.", null);
                }
                Map<String, String> extra = options == null ? Map.of() : Map.copyOf(options);
                return () -> CheckpointStores.open(rawUri, extra);
        }
    }

    private static CircuitBreakerConfig circuitBreaker(CheckpointKitProperties.CircuitBreaker p) {
        String prefix = CheckpointKitProperties.PREFIX + ".circuit-breaker.";
        CircuitBreakerConfig.Builder b = CircuitBreakerConfig.builder();
        check(prefix + "failure-rate-threshold", () -> b.failureRateThreshold(p.getFailureRateThreshold()));
        check(prefix + "sliding-window-size", () -> b.slidingWindowSize(p.getSlidingWindowSize()));
        check(prefix + "minimum-calls", () -> b.minimumCalls(p.getMinimumCalls()));
        check(prefix + "wait-in-open", () -> b.waitInOpen(p.getWaitInOpen()));
        check(prefix + "permitted-trial-calls", () -> b.permittedTrialCalls(p.getPermittedTrialCalls()));
        return InvalidCheckpointKitPropertyException.build(prefix, b::build);
    }

    private static AutoTrimConfig autoTrim(CheckpointKitProperties.AutoTrim p) {
        String prefix = CheckpointKitProperties.PREFIX + ".auto-trim.";
        AutoTrimConfig.Builder b = AutoTrimConfig.builder();
        check(prefix + "keep-latest", () -> b.keepLatest(p.getKeepLatest()));
        check(prefix + "threshold", () -> b.threshold(p.getThreshold()));
        check(prefix + "queue-capacity", () -> b.queueCapacity(p.getQueueCapacity()));
        check(prefix + "on-close", () -> b.onClose(p.getOnClose()));
        check(prefix + "close-timeout", () -> b.closeTimeout(p.getCloseTimeout()));
        return InvalidCheckpointKitPropertyException.build(prefix, b::build);
    }
}
