/**
 * Micrometer meters for CheckpointKit.
 *
 * <p>Entry points: {@link io.checkpointkit.micrometer.MeteredCheckpointStore}, a decorator that
 * times every call of its store; and meter binders for the statistics of the other decorators,
 * {@link io.checkpointkit.micrometer.AutoTrimMetrics},
 * {@link io.checkpointkit.micrometer.CircuitBreakerMetrics} and
 * {@link io.checkpointkit.micrometer.PreloaderMetrics} (the last only when the preloader module is
 * present).
 */
package io.checkpointkit.micrometer;
