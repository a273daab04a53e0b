package io.checkpointkit.springboot.autoconfigure;

import static io.checkpointkit.springboot.autoconfigure.InvalidCheckpointKitPropertyException.check;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.micrometer.PreloaderMetrics;
import io.checkpointkit.preloader.PreloaderConfig;
import io.checkpointkit.preloader.PreloadingCheckpointStore;
import io.micrometer.core.instrument.MeterRegistry;

/** The preloader's part of the chain; loaded only when checkpoint-preloader is on the class path. */
final class PreloaderSupport {

    private PreloaderSupport() {
    }

    static Object config(CheckpointKitProperties.Preloader p) {
        String prefix = CheckpointKitProperties.PREFIX + ".preloader.";
        PreloaderConfig.Builder b = PreloaderConfig.builder();
        check(prefix + "maximum-size", () -> b.maximumSize(p.getMaximumSize()));
        check(prefix + "expire-after-write", () -> b.expireAfterWrite(p.getExpireAfterWrite()));
        check(prefix + "interval", () -> b.interval(p.getInterval()));
        check(prefix + "decay-factor", () -> b.decayFactor(p.getDecayFactor()));
        check(prefix + "decay-period", () -> b.decayPeriod(p.getDecayPeriod()));
        check(prefix + "unread-expiry-factor", () -> b.unreadExpiryFactor(p.getUnreadExpiryFactor()));
        check(prefix + "threshold", () -> b.threshold(p.getThreshold()));
        check(prefix + "max-tracked-keys", () -> b.maxTrackedKeys(p.getMaxTrackedKeys()));
        check(prefix + "batch-size", () -> b.batchSize(p.getBatchSize()));
        check(prefix + "max-related-keys", () -> b.maxRelatedKeys(p.getMaxRelatedKeys()));
        check(prefix + "parallelism", () -> b.parallelism(p.getParallelism()));
        return InvalidCheckpointKitPropertyException.build(prefix, b::build);
    }

    static CheckpointStore wrap(CheckpointStore chain, Object config) {
        return PreloadingCheckpointStore.wrap(chain, (PreloaderConfig) config);
    }

    /** Called only when Micrometer and checkpoint-micrometer are present too. */
    static void bindMetrics(CheckpointStore preloading, Object registry, String storeName) {
        new PreloaderMetrics((PreloadingCheckpointStore) preloading, storeName).bindTo((MeterRegistry) registry);
    }
}
