package io.checkpointkit.preloader;

/**
 * A snapshot of the statistics of a {@link PreloadingCheckpointStore}, taken by
 * {@link PreloadingCheckpointStore#stats()}. Counters count since the store was created.
 *
 * @param accesses reads of {@code load} and {@code latest} through the store, each recorded in
 *     the access tracker
 * @param trackedKeys keys the access tracker holds now
 * @param associations related-key links the access tracker holds now (a checkpoint read relates
 *     to its execution's latest)
 * @param preloads loads the background preloader completed successfully
 * @param preloadHits cache hits on an entry the preloader put there
 * @param preloadHitRate the share of preloaded entries that served at least one read before they
 *     were replaced, evicted or expired: a measure of how well the preloader guesses; 0 before the
 *     first preload
 * @param inFlightPreloads preloader loads running now
 * @param cacheHitRate hits over reads ({@code accesses}); 0 before the first read
 * @param preloadFailures preloader loads that failed (each is retried next round, never thrown
 *     at a reader)
 */
public record PreloaderStats(
        long accesses,
        long trackedKeys,
        long associations,
        long preloads,
        long preloadHits,
        double preloadHitRate,
        long inFlightPreloads,
        double cacheHitRate,
        long preloadFailures) {
}
