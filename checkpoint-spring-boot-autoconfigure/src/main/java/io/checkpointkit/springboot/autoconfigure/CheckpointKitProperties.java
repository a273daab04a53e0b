package io.checkpointkit.springboot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code checkpointkit.*} properties. Every default here equals the library's own
 * {@code DEFAULT_*} constant (a test checks it), so a property left unset behaves as the builder
 * does. The module README lists every property with its default.
 */
@ConfigurationProperties(CheckpointKitProperties.PREFIX)
public class CheckpointKitProperties {

    /** The prefix of every property: {@value}. */
    public static final String PREFIX = "checkpointkit";

    private final Store store = new Store();
    private final AutoTrim autoTrim = new AutoTrim();
    private final CircuitBreaker circuitBreaker = new CircuitBreaker();
    private final Preloader preloader = new Preloader();
    @NestedConfigurationProperty
    private final CompressionProperties compression = new CompressionProperties();
    @NestedConfigurationProperty
    private final EncryptionProperties encryption = new EncryptionProperties();
    private final Retention retention = new Retention();
    private final Metrics metrics = new Metrics();

    /** Creates the properties with their defaults; Spring binds them. */
    public CheckpointKitProperties() {
    }

    /** @return the {@code checkpointkit.store.*} group */
    public Store getStore() {
        return store;
    }

    /** @return the {@code checkpointkit.auto-trim.*} group */
    public AutoTrim getAutoTrim() {
        return autoTrim;
    }

    /** @return the {@code checkpointkit.circuit-breaker.*} group */
    public CircuitBreaker getCircuitBreaker() {
        return circuitBreaker;
    }

    /** @return the {@code checkpointkit.preloader.*} group */
    public Preloader getPreloader() {
        return preloader;
    }

    /** @return the {@code checkpointkit.compression.*} group */
    public CompressionProperties getCompression() {
        return compression;
    }

    /** @return the {@code checkpointkit.encryption.*} group */
    public EncryptionProperties getEncryption() {
        return encryption;
    }

    /** @return the {@code checkpointkit.retention.*} group */
    public Retention getRetention() {
        return retention;
    }

    /** @return the {@code checkpointkit.metrics.*} group */
    public Metrics getMetrics() {
        return metrics;
    }

    /** {@code checkpointkit.store.*}: which backend, and how start-up treats an unreachable one. */
    public static class Store {

        /**
         * The store URI: sqlite:PATH, memory:, postgresql://..., redis://..., rediss://...,
         * redis-cluster://...; or spring-datasource:[BEAN] / spring-redis:[BEAN] to reuse the
         * application's DataSource or Redis client (never closed by CheckpointKit).
         */
        private String uri = "sqlite:./checkpointkit.db";

        /**
         * Backend options added to the URI's query string; these win over it. Keeps a password out
         * of the URI: checkpointkit.store.options.password=${DB_PASSWORD}.
         */
        private Map<String, String> options = new LinkedHashMap<>();

        /**
         * Whether an unreachable server stops start-up. When false, start-up goes on, the store
         * connects once the server answers, and health is DOWN until then.
         */
        private boolean failFast = true;

        /** How long closing the store on shutdown waits for calls still running. */
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        /** @return the store URI */
        public String getUri() {
            return uri;
        }

        /** @param uri the store URI */
        public void setUri(String uri) {
            this.uri = uri;
        }

        /** @return the backend options */
        public Map<String, String> getOptions() {
            return options;
        }

        /** @param options the backend options */
        public void setOptions(Map<String, String> options) {
            this.options = options;
        }

        /** @return whether an unreachable server stops start-up */
        public boolean isFailFast() {
            return failFast;
        }

        /** @param failFast whether an unreachable server stops start-up */
        public void setFailFast(boolean failFast) {
            this.failFast = failFast;
        }

        /** @return how long closing waits for running calls */
        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        /** @param shutdownTimeout how long closing waits for running calls */
        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }

    /** {@code checkpointkit.auto-trim.*}: AutoTrimmingCheckpointStore. */
    public static class AutoTrim {

        /** Whether saves trim their execution in the background. */
        private boolean enabled = false;

        /** How many of the newest unpinned checkpoints a trim keeps per execution. */
        private int keepLatest = 10;

        /** How many unpinned checkpoints an execution may hold before a trim is queued. */
        private int threshold = 30;

        /** How many trims may wait; more are dropped and counted. */
        private int queueCapacity = 10_000;

        /** What closing does with queued trims: DRAIN runs them, DROP drops them. */
        private io.checkpointkit.decorators.AutoTrimConfig.OnClose onClose =
                io.checkpointkit.decorators.AutoTrimConfig.OnClose.DRAIN;

        /** How long closing waits for queued trims to drain. */
        private Duration closeTimeout = Duration.ofSeconds(10);

        /** @return whether auto-trim is on */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether auto-trim is on */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return checkpoints kept per execution */
        public int getKeepLatest() {
            return keepLatest;
        }

        /** @param keepLatest checkpoints kept per execution */
        public void setKeepLatest(int keepLatest) {
            this.keepLatest = keepLatest;
        }

        /** @return the count that queues a trim */
        public int getThreshold() {
            return threshold;
        }

        /** @param threshold the count that queues a trim */
        public void setThreshold(int threshold) {
            this.threshold = threshold;
        }

        /** @return the most queued trims */
        public int getQueueCapacity() {
            return queueCapacity;
        }

        /** @param queueCapacity the most queued trims */
        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        /** @return what closing does with queued trims */
        public io.checkpointkit.decorators.AutoTrimConfig.OnClose getOnClose() {
            return onClose;
        }

        /** @param onClose what closing does with queued trims */
        public void setOnClose(io.checkpointkit.decorators.AutoTrimConfig.OnClose onClose) {
            this.onClose = onClose;
        }

        /** @return how long closing waits for queued trims */
        public Duration getCloseTimeout() {
            return closeTimeout;
        }

        /** @param closeTimeout how long closing waits for queued trims */
        public void setCloseTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
        }
    }

    /** {@code checkpointkit.circuit-breaker.*}: CircuitBreakingCheckpointStore. */
    public static class CircuitBreaker {

        /** Whether calls go through a circuit breaker that fails fast while the backend is down. */
        private boolean enabled = false;

        /** The failure rate, above 0 and at most 1, at which the circuit opens. */
        private double failureRateThreshold = 0.5;

        /** How many of the latest calls the failure rate is computed over. */
        private int slidingWindowSize = 20;

        /** How many calls the window needs before the rate can open the circuit. */
        private int minimumCalls = 10;

        /** How long the circuit stays open before trial calls are let through. */
        private Duration waitInOpen = Duration.ofSeconds(30);

        /** How many trial calls in the half-open state decide whether to close the circuit. */
        private int permittedTrialCalls = 3;

        /** @return whether the breaker is on */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the breaker is on */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the failure rate that opens the circuit */
        public double getFailureRateThreshold() {
            return failureRateThreshold;
        }

        /** @param failureRateThreshold the failure rate that opens the circuit */
        public void setFailureRateThreshold(double failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        /** @return the window size */
        public int getSlidingWindowSize() {
            return slidingWindowSize;
        }

        /** @param slidingWindowSize the window size */
        public void setSlidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        /** @return the calls needed before the circuit may open */
        public int getMinimumCalls() {
            return minimumCalls;
        }

        /** @param minimumCalls the calls needed before the circuit may open */
        public void setMinimumCalls(int minimumCalls) {
            this.minimumCalls = minimumCalls;
        }

        /** @return how long the circuit stays open */
        public Duration getWaitInOpen() {
            return waitInOpen;
        }

        /** @param waitInOpen how long the circuit stays open */
        public void setWaitInOpen(Duration waitInOpen) {
            this.waitInOpen = waitInOpen;
        }

        /** @return the trial calls of the half-open state */
        public int getPermittedTrialCalls() {
            return permittedTrialCalls;
        }

        /** @param permittedTrialCalls the trial calls of the half-open state */
        public void setPermittedTrialCalls(int permittedTrialCalls) {
            this.permittedTrialCalls = permittedTrialCalls;
        }
    }

    /** {@code checkpointkit.preloader.*}: PreloadingCheckpointStore (needs checkpoint-preloader). */
    public static class Preloader {

        /** Whether reads go through a decay-scored preloading cache. */
        private boolean enabled = false;

        /** The most cached results. */
        private long maximumSize = 10_000;

        /** How long a cached result lives after it was written. */
        private Duration expireAfterWrite = Duration.ofMinutes(2);

        /** How often hot keys are scored and preloaded. */
        private Duration interval = Duration.ofSeconds(60);

        /** The factor, above 0 and below 1, an access weight decays by per decay period. */
        private double decayFactor = 0.9;

        /** The period of one decay step. */
        private Duration decayPeriod = Duration.ofHours(1);

        /** The factor a key's score is multiplied by for each preloaded value that expired unread. */
        private double unreadExpiryFactor = 0.4;

        /** The score at or above which a key is preloaded. */
        private double threshold = 0.5;

        /** The most keys whose accesses are tracked. */
        private int maxTrackedKeys = 1_000;

        /** The most keys preloaded in one round. */
        private int batchSize = 200;

        /** The most related keys preloaded with a hot one. */
        private int maxRelatedKeys = 5;

        /** How many loads a preload round runs at once. */
        private int parallelism = 4;

        /**
         * Whether the cache holds the states the application sees (decrypted, decompressed): the
         * preloader then sits outside encryption and compression. By default it sits inside them
         * and caches the stored (encrypted, compressed) bytes, so no plaintext state stays in the
         * heap.
         */
        private boolean cachePlaintext = false;

        /** @return whether the preloader is on */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the preloader is on */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the most cached results */
        public long getMaximumSize() {
            return maximumSize;
        }

        /** @param maximumSize the most cached results */
        public void setMaximumSize(long maximumSize) {
            this.maximumSize = maximumSize;
        }

        /** @return how long a cached result lives */
        public Duration getExpireAfterWrite() {
            return expireAfterWrite;
        }

        /** @param expireAfterWrite how long a cached result lives */
        public void setExpireAfterWrite(Duration expireAfterWrite) {
            this.expireAfterWrite = expireAfterWrite;
        }

        /** @return the preload interval */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval the preload interval */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** @return the decay factor */
        public double getDecayFactor() {
            return decayFactor;
        }

        /** @param decayFactor the decay factor */
        public void setDecayFactor(double decayFactor) {
            this.decayFactor = decayFactor;
        }

        /** @return the decay period */
        public Duration getDecayPeriod() {
            return decayPeriod;
        }

        /** @param decayPeriod the decay period */
        public void setDecayPeriod(Duration decayPeriod) {
            this.decayPeriod = decayPeriod;
        }

        /** @return the preload threshold */
        public double getThreshold() {
            return threshold;
        }

        /** @param threshold the preload threshold */
        public void setThreshold(double threshold) {
            this.threshold = threshold;
        }

        /** @return the most tracked keys */
        public int getMaxTrackedKeys() {
            return maxTrackedKeys;
        }

        /** @param maxTrackedKeys the most tracked keys */
        public void setMaxTrackedKeys(int maxTrackedKeys) {
            this.maxTrackedKeys = maxTrackedKeys;
        }

        /** @return the most keys per round */
        public int getBatchSize() {
            return batchSize;
        }

        /** @param batchSize the most keys per round */
        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        /** @return the factor per value that expired unread */
        public double getUnreadExpiryFactor() {
            return unreadExpiryFactor;
        }

        /** @param unreadExpiryFactor the factor per value that expired unread, in (0, 1] */
        public void setUnreadExpiryFactor(double unreadExpiryFactor) {
            this.unreadExpiryFactor = unreadExpiryFactor;
        }

        /** @return the most related keys */
        public int getMaxRelatedKeys() {
            return maxRelatedKeys;
        }

        /** @param maxRelatedKeys the most related keys */
        public void setMaxRelatedKeys(int maxRelatedKeys) {
            this.maxRelatedKeys = maxRelatedKeys;
        }

        /** @return the loads run at once */
        public int getParallelism() {
            return parallelism;
        }

        /** @param parallelism the loads run at once */
        public void setParallelism(int parallelism) {
            this.parallelism = parallelism;
        }

        /** @return whether the cache sits outside encryption and compression */
        public boolean isCachePlaintext() {
            return cachePlaintext;
        }

        /** @param cachePlaintext whether the cache sits outside encryption and compression */
        public void setCachePlaintext(boolean cachePlaintext) {
            this.cachePlaintext = cachePlaintext;
        }
    }

    /** {@code checkpointkit.retention.*}: a scheduled RetentionSweeper over every execution. */
    public static class Retention {

        /** Whether a RetentionSweeper sweeps every execution on a schedule. */
        private boolean enabled = false;

        /** How many of the newest unpinned checkpoints each execution keeps; 0 trims nothing. */
        private int keepLatest = 0;

        /** Clears an execution not written for this long; 0 clears none. */
        private Duration clearIdleAfter = Duration.ZERO;

        /** The time between two sweeps. */
        private Duration interval = Duration.ofHours(1);

        /** The time from start-up to the first sweep. */
        private Duration initialDelay = Duration.ofMinutes(1);

        /** How many executions one page of the walk reads. */
        private int pageSize = 500;

        /** Whether sweeps only report what they would remove. */
        private boolean dryRun = false;

        /** @return whether the sweeper runs */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether the sweeper runs */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return checkpoints kept per execution, 0 for no trim */
        public int getKeepLatest() {
            return keepLatest;
        }

        /** @param keepLatest checkpoints kept per execution, 0 for no trim */
        public void setKeepLatest(int keepLatest) {
            this.keepLatest = keepLatest;
        }

        /** @return the idle time that clears an execution, 0 for never */
        public Duration getClearIdleAfter() {
            return clearIdleAfter;
        }

        /** @param clearIdleAfter the idle time that clears an execution, 0 for never */
        public void setClearIdleAfter(Duration clearIdleAfter) {
            this.clearIdleAfter = clearIdleAfter;
        }

        /** @return the time between sweeps */
        public Duration getInterval() {
            return interval;
        }

        /** @param interval the time between sweeps */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** @return the time to the first sweep */
        public Duration getInitialDelay() {
            return initialDelay;
        }

        /** @param initialDelay the time to the first sweep */
        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        /** @return executions per page */
        public int getPageSize() {
            return pageSize;
        }

        /** @param pageSize executions per page */
        public void setPageSize(int pageSize) {
            this.pageSize = pageSize;
        }

        /** @return whether sweeps only report */
        public boolean isDryRun() {
            return dryRun;
        }

        /** @param dryRun whether sweeps only report */
        public void setDryRun(boolean dryRun) {
            this.dryRun = dryRun;
        }
    }

    /** {@code checkpointkit.metrics.*}: MeteredCheckpointStore, when a MeterRegistry bean exists. */
    public static class Metrics {

        /** Whether the store is timed and the decorators' statistics bound when a MeterRegistry exists. */
        private boolean enabled = true;

        /** The value of the store tag on every meter. */
        private String storeName = "default";

        /** @return whether metrics are on */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether metrics are on */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return the store tag */
        public String getStoreName() {
            return storeName;
        }

        /** @param storeName the store tag */
        public void setStoreName(String storeName) {
            this.storeName = storeName;
        }
    }
}
