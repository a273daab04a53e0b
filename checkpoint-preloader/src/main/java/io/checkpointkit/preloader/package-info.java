/**
 * The hot-data preloader: a Caffeine read cache for {@code load} and {@code latest}, kept warm by
 * a background task that loads the keys an access tracker scores as hot.
 *
 * <p>Entry points: {@link io.checkpointkit.preloader.PreloadingCheckpointStore#wrap} with a
 * {@link io.checkpointkit.preloader.PreloaderConfig}; its statistics are
 * {@link io.checkpointkit.preloader.PreloaderStats}. The scoring
 * ({@link io.checkpointkit.preloader.AccessTracker},
 * {@link io.checkpointkit.preloader.ScoringFunction}) is usable on its own.
 */
package io.checkpointkit.preloader;
