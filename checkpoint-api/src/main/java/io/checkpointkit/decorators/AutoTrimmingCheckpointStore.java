package io.checkpointkit.decorators;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store that keeps each execution to its latest {@link AutoTrimConfig#keepLatest()} unpinned
 * checkpoints, trimming in the background so that a save never waits for a trim.
 *
 * <p>After each successful {@link #save}, the execution's save counter goes up; when it reaches
 * {@link AutoTrimConfig#threshold()} it is reset and the execution is queued for a trim
 * (once: an execution already queued is not queued again). A worker takes executions off the
 * queue one at a time and calls the delegate's {@link CheckpointStore#trim}. When the queue
 * holds {@link AutoTrimConfig#queueCapacity()} executions, a new request is dropped and counted;
 * the execution's next threshold asks again. A trim that fails is counted and logged once per
 * streak of failures (a warning when the streak starts, an info line when a trim succeeds
 * again); it never reaches a caller. Between two trims an execution may hold up to
 * {@code keepLatest + threshold} checkpoints.
 *
 * <p>Counters live in memory, one per execution that has been saved to since its last trim;
 * {@link #clear} removes the execution's counter. {@link #close()} stops queueing, drains or
 * drops the queued trims as configured ({@link AutoTrimConfig#onClose()}, waiting at most
 * {@link AutoTrimConfig#closeTimeout()}), stops the decorator's own thread, and closes the
 * delegate.
 *
 * <pre>{@code
 * AutoTrimmingCheckpointStore store = AutoTrimmingCheckpointStore.wrap(backend,
 *         AutoTrimConfig.builder().keepLatest(10).threshold(30).build());
 * AutoTrimStats stats = store.stats();
 * }</pre>
 */
public final class AutoTrimmingCheckpointStore extends ForwardingCheckpointStore {

    private final AutoTrimConfig config;
    private final ConcurrentMap<String, Integer> saveCounts = new ConcurrentHashMap<>();
    private final TrimQueue trims;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AutoTrimmingCheckpointStore(CheckpointStore delegate, AutoTrimConfig config) {
        super(delegate);
        this.config = config;
        this.trims = new TrimQueue(delegate, config);
    }

    /**
     * Wraps a store so that it trims itself.
     *
     * @param store the store to trim
     * @param config the settings
     * @return the decorator
     * @throws NullPointerException if an argument is null
     */
    public static AutoTrimmingCheckpointStore wrap(CheckpointStore store, AutoTrimConfig config) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(config, "config must not be null");
        return new AutoTrimmingCheckpointStore(store, config);
    }

    /** The settings this decorator was made with. */
    public AutoTrimConfig config() {
        return config;
    }

    /** A snapshot of the counters, for metrics. */
    public AutoTrimStats stats() {
        return trims.stats();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Counts the save toward the execution's next trim; never waits for a trim.
     */
    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        Checkpoint saved = super.save(checkpoint);
        countSave(saved.executionId());
        return saved;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also forgets the execution's save counter.
     */
    @Override
    public int clear(String executionId) {
        int removed = super.clear(executionId);
        saveCounts.remove(executionId);
        return removed;
    }

    /** {@inheritDoc} Forgets the execution's save count when it was cleared. */
    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        int removed = super.clearIfIdleSince(executionId, cutoff);
        if (removed > 0) {
            saveCounts.remove(executionId);
        }
        return removed;
    }

    /**
     * Stops trimming as configured, then closes the delegate. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            trims.close(config.onClose(), config.closeTimeout());
        }
        super.close();
    }

    private void countSave(String executionId) {
        int count = saveCounts.merge(executionId, 1, Integer::sum);
        // remove(key, value) succeeds for exactly one of the savers that saw the threshold reached.
        if (count >= config.threshold() && saveCounts.remove(executionId, count)) {
            trims.request(executionId);
        }
    }
}
