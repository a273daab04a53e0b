package io.checkpointkit.preloader;

import io.checkpointkit.CheckpointStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The background task: every interval, loads the hot keys that are missing from the cache, or
 * would expire before the next round and were read since they were cached, with up to {@code maxRelatedKeys} related keys each, hottest
 * first, at most {@code batchSize} loads per round, {@code parallelism} at a time. A failed load is counted and
 * logged (one warning per run of failures) and retried next round; readers never see it.
 */
final class Preloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Preloader.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final CheckpointStore delegate;
    private final ReadCache cache;
    private final AccessTracker<CacheKey> tracker;
    private final PreloaderConfig config;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService loaders;

    private final AtomicLong preloads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();

    Preloader(CheckpointStore delegate, ReadCache cache, AccessTracker<CacheKey> tracker, PreloaderConfig config) {
        this.delegate = delegate;
        this.cache = cache;
        this.tracker = tracker;
        this.config = config;
        int instance = INSTANCES.incrementAndGet();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("checkpoint-preloader-" + instance));
        this.loaders = Executors.newFixedThreadPool(config.parallelism(), daemon("checkpoint-preloader-" + instance + "-load"));
    }

    void start() {
        long millis = config.interval().toMillis();
        // Fixed rate, so an entry's age grows by one interval between rounds; a round that overruns
        // delays the next, never overlaps it.
        scheduler.scheduleAtFixedRate(this::runRoundSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void runRoundSafely() {
        try {
            runRound();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A failing round must not cancel the schedule; the loads themselves are counted.
            LOG.warn("Preloader round failed; retrying next round", e);
        }
    }

    /**
     * Runs one round now, on the calling thread, and returns when its loads are done.
     *
     * @return how many keys it tried to load
     */
    int runRound() throws InterruptedException {
        List<CacheKey> due = dueKeys();
        if (due.isEmpty()) {
            return 0;
        }
        List<Callable<Void>> loads = new ArrayList<>(due.size());
        for (CacheKey key : due) {
            loads.add(() -> {
                preload(key);
                return null;
            });
        }
        loaders.invokeAll(loads);
        return due.size();
    }

    /**
     * The keys of this round: going down the hot keys from the highest score, each one (and its
     * related keys) that is missing, or would expire before the next round and was read since it
     * was cached, until the batch is full. Fresh hot keys cost nothing, so the batch goes to the
     * hottest keys that need a load. The horizon is the interval plus a quarter, so that a round started a little late (a
     * busy machine, a slow round) still finds its hot entries in the cache.
     */
    private List<CacheKey> dueKeys() {
        Duration horizon = config.interval().plus(config.interval().dividedBy(4));
        int batchSize = config.batchSize();
        Set<CacheKey> due = new LinkedHashSet<>();
        for (CacheKey hot : tracker.hotKeys(Integer.MAX_VALUE)) {
            if (due.size() >= batchSize) {
                break;
            }
            if (cache.dueForPreload(hot, horizon)) {
                due.add(hot);
            }
            List<CacheKey> related = tracker.relatedKeys(hot);
            for (int i = 0; i < related.size() && i < config.maxRelatedKeys() && due.size() < batchSize; i++) {
                CacheKey key = related.get(i);
                if (cache.dueForPreload(key, horizon)) {
                    due.add(key);
                }
            }
        }
        return new ArrayList<>(due);
    }

    private void preload(CacheKey key) {
        inFlight.incrementAndGet();
        try {
            long stamp = cache.stamp(key);
            CachedResult result = new CachedResult(key.readFrom(delegate), true);
            cache.putRead(key, stamp, result);
            preloads.incrementAndGet();
            if (failing.compareAndSet(true, false)) {
                LOG.info("Preloader loads succeed again after {} failures in all", failures.get());
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Preloader load failed; hot keys are retried each round until loads succeed: {}", e.toString());
            } else {
                LOG.debug("Preloader load failed", e);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    long preloads() {
        return preloads.get();
    }

    long failures() {
        return failures.get();
    }

    long inFlight() {
        return inFlight.get();
    }

    /** Stops the schedule and interrupts loads in flight; waits briefly for them to end. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        loaders.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            loaders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean terminated() {
        return scheduler.isTerminated() && loaders.isTerminated();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
