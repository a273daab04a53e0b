package io.checkpointkit.micrometer;

import io.checkpointkit.decorators.AutoTrimStats;
import io.checkpointkit.decorators.AutoTrimmingCheckpointStore;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;


/**
 * Exposes the {@link AutoTrimStats} of an {@link AutoTrimmingCheckpointStore} as meters, tagged
 * {@code store}:
 * <ul>
 *   <li>{@code checkpoint.autotrim.trims} (counter): trims that completed;
 *   <li>{@code checkpoint.autotrim.removed} (counter): checkpoints they removed;
 *   <li>{@code checkpoint.autotrim.failures} (counter): trims that threw;
 *   <li>{@code checkpoint.autotrim.dropped} (counter): trim requests dropped (full queue, close);
 *   <li>{@code checkpoint.autotrim.queue.depth} (gauge): executions waiting for a trim.
 * </ul>
 * The meters read the statistics when the registry publishes; they hold the store weakly.
 *
 * <pre>{@code
 * new AutoTrimMetrics(trimmingStore, "orders").bindTo(registry);
 * }</pre>
 */
public final class AutoTrimMetrics extends StatsMeterBinder<AutoTrimmingCheckpointStore, AutoTrimStats> {

    /**
     * @param store the decorator to watch
     * @param storeName the value of the {@code store} tag
     * @throws NullPointerException if an argument is null
     */
    public AutoTrimMetrics(AutoTrimmingCheckpointStore store, String storeName) {
        this(store, storeName, Tags.empty());
    }

    /**
     * @param store the decorator to watch
     * @param storeName the value of the {@code store} tag
     * @param tags more tags for every meter
     * @throws NullPointerException if an argument is null
     */
    public AutoTrimMetrics(AutoTrimmingCheckpointStore store, String storeName, Iterable<Tag> tags) {
        super(store, AutoTrimmingCheckpointStore::stats, storeName, tags);
    }

    /**
     * Registers the meters.
     *
     * @param registry the registry
     * @throws NullPointerException if {@code registry} is null
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "checkpoint.autotrim.trims", "Auto-trims that completed", AutoTrimStats::trimsRun);
        counter(registry, "checkpoint.autotrim.removed", "Checkpoints removed by auto-trim",
                AutoTrimStats::checkpointsRemoved);
        counter(registry, "checkpoint.autotrim.failures", "Auto-trims that failed", AutoTrimStats::failures);
        counter(registry, "checkpoint.autotrim.dropped", "Auto-trim requests dropped", AutoTrimStats::droppedRequests);
        gauge(registry, "checkpoint.autotrim.queue.depth", "Executions waiting for an auto-trim",
                AutoTrimStats::queueDepth);
    }
}
