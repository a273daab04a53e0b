/**
 * The hot-data preloading cache decorator,
 * {@link io.checkpointkit.preloader.PreloadingCheckpointStore}, built on Caffeine.
 */
module io.checkpointkit.preloader {
    requires transitive io.checkpointkit;
    requires transitive com.github.benmanes.caffeine; // Ticker and Scheduler are in the config's API
    requires org.slf4j;

    exports io.checkpointkit.preloader;
}
