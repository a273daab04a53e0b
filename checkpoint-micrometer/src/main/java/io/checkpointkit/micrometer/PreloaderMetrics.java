package io.checkpointkit.micrometer;

import io.checkpointkit.preloader.PreloaderStats;
import io.checkpointkit.preloader.PreloadingCheckpointStore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;


/**
 * Exposes the {@link PreloaderStats} of a {@link PreloadingCheckpointStore} as meters, tagged
 * {@code store}:
 * <ul>
 *   <li>{@code checkpoint.preloader.accesses} (counter): reads recorded by the access tracker;
 *   <li>{@code checkpoint.preloader.preloads} (counter): background loads completed;
 *   <li>{@code checkpoint.preloader.preload.hits} (counter): cache hits on preloaded entries;
 *   <li>{@code checkpoint.preloader.preload.failures} (counter): background loads that failed;
 *   <li>{@code checkpoint.preloader.tracked.keys} (gauge): keys the tracker holds;
 *   <li>{@code checkpoint.preloader.associations} (gauge): related-key links the tracker holds;
 *   <li>{@code checkpoint.preloader.inflight} (gauge): background loads running now;
 *   <li>{@code checkpoint.preloader.preload.hit.rate} (gauge): preloaded entries that served a read, 0 to 1;
 *   <li>{@code checkpoint.preloader.cache.hit.rate} (gauge): hits over reads, 0 to 1.
 * </ul>
 * This is the only class of the module that refers to {@code checkpoint-preloader}, a
 * {@code provided} dependency: the rest of the module works without it on the class path.
 *
 * <pre>{@code
 * new PreloaderMetrics(preloadingStore, "orders").bindTo(registry);
 * }</pre>
 */
public final class PreloaderMetrics extends StatsMeterBinder<PreloadingCheckpointStore, PreloaderStats> {

    /**
     * @param store the preloader to watch
     * @param storeName the value of the {@code store} tag
     * @throws NullPointerException if an argument is null
     */
    public PreloaderMetrics(PreloadingCheckpointStore store, String storeName) {
        this(store, storeName, Tags.empty());
    }

    /**
     * @param store the preloader to watch
     * @param storeName the value of the {@code store} tag
     * @param tags more tags for every meter
     * @throws NullPointerException if an argument is null
     */
    public PreloaderMetrics(PreloadingCheckpointStore store, String storeName, Iterable<Tag> tags) {
        super(store, PreloadingCheckpointStore::stats, storeName, tags);
    }

    /**
     * Registers the meters.
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "checkpoint.preloader.accesses", "Reads recorded by the access tracker",
                PreloaderStats::accesses);
        counter(registry, "checkpoint.preloader.preloads", "Background loads completed", PreloaderStats::preloads);
        counter(registry, "checkpoint.preloader.preload.hits", "Cache hits on preloaded entries",
                PreloaderStats::preloadHits);
        counter(registry, "checkpoint.preloader.preload.failures", "Background loads that failed",
                PreloaderStats::preloadFailures);
        gauge(registry, "checkpoint.preloader.tracked.keys", "Keys the access tracker holds",
                PreloaderStats::trackedKeys);
        gauge(registry, "checkpoint.preloader.associations", "Related-key links the access tracker holds",
                PreloaderStats::associations);
        gauge(registry, "checkpoint.preloader.inflight", "Background loads running now",
                PreloaderStats::inFlightPreloads);
        gauge(registry, "checkpoint.preloader.preload.hit.rate", "Preloaded entries that served a read",
                PreloaderStats::preloadHitRate);
        gauge(registry, "checkpoint.preloader.cache.hit.rate", "Cache hits over reads", PreloaderStats::cacheHitRate);
    }
}
