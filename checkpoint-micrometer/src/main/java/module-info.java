/**
 * Micrometer meters for CheckpointKit: {@link io.checkpointkit.micrometer.MeteredCheckpointStore}
 * and binders for the statistics of the other decorators.
 *
 * <p>Micrometer has no module descriptor; it is required by the name in its manifest's
 * {@code Automatic-Module-Name}, {@code micrometer.core}. The preloader is optional
 * ({@code requires static}): {@link io.checkpointkit.micrometer.PreloaderMetrics} is usable
 * only when {@code io.checkpointkit.preloader} is present.
 */
module io.checkpointkit.micrometer {
    requires transitive io.checkpointkit;
    // Public signatures take MeterRegistry, Tag and implement MeterBinder.
    requires transitive micrometer.core;
    // PreloaderMetrics takes a PreloadingCheckpointStore; the dependency is optional.
    requires static transitive io.checkpointkit.preloader;

    exports io.checkpointkit.micrometer;
}
