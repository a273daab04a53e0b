/**
 * The hot-data preloading cache decorator,
 * {@link io.checkpointkit.preloader.PreloadingCheckpointStore}, built on Caffeine.
 */
module io.checkpointkit.preloader {
    requires transitive io.checkpointkit;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports io.checkpointkit.preloader;
}
