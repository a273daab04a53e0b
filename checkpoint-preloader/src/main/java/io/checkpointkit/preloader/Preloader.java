package io.checkpointkit.preloader;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import io.checkpointkit.CheckpointStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The background task: every interval, loads the hot keys that are missing from the cache or
 * would expire before the next round, with up to {@code maxRelatedKeys} related keys each,
 * hottest first, at most {@code batchSize} loads per round; a key's preloaded value that expires
 * unread counts against its score (see {@link #dueKeys}); a reload is run a quarter interval before the entry expires rather than at the round.
 * A failed load is counted and logged (one warning per run of failures) and retried next round;
 * readers never see it.
 *
 * <p>Time, scheduling and threads are injected ({@link PreloaderConfig#ticker()},
 * {@link PreloaderConfig#scheduler()}, {@link PreloaderConfig#executor()}), as in Caffeine: the
 * same code runs in production and under a test's fake ticker and manual scheduler. Rounds are
 * one-shot schedules, each planning the next at a fixed rate on the ticker.
 */
final class Preloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Preloader.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final CheckpointStore delegate;
    private final ReadCache cache;
    private final AccessTracker<CacheKey> tracker;
    private final PreloaderConfig config;
    private final Ticker ticker;
    private final Executor executor;
    private final Scheduler scheduler;
    /** The executor services this preloader made for its defaults (shut down by close), or none. */
    private final List<ExecutorService> owned = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The next scheduled round, cancelled by close. */
    private volatile Future<?> nextRound;
    /** When the next round is due on the ticker: start + n × interval (fixed rate). */
    private long nextRoundNanos;
    /** Keys whose load a scheduled round has planned and not finished: never planned twice. */
    private final Set<CacheKey> planned = ConcurrentHashMap.newKeySet();
    /** A hit plans a reload when its entry has at most this left: min(interval, expiry / 2). */
    private final long readTriggerWindowNanos;

    private final AtomicLong preloads = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();

    Preloader(CheckpointStore delegate, ReadCache cache, AccessTracker<CacheKey> tracker, PreloaderConfig config) {
        this.delegate = delegate;
        this.cache = cache;
        this.tracker = tracker;
        this.config = config;
        Duration halfLife = config.expireAfterWrite().dividedBy(2);
        this.readTriggerWindowNanos = (config.interval().compareTo(halfLife) < 0 ? config.interval() : halfLife).toNanos();
        this.ticker = config.ticker();
        int instance = INSTANCES.incrementAndGet();
        ScheduledExecutorService pool = config.executor().isPresent() ? null
                : own(Executors.newScheduledThreadPool(config.parallelism(), daemon("checkpoint-preloader-" + instance + "-load")));
        this.executor = config.executor().orElse(pool);
        this.scheduler = config.scheduler().orElseGet(() -> pool != null ? onOwnPool(pool)
                : Scheduler.forScheduledExecutorService(
                        own(Executors.newSingleThreadScheduledExecutor(daemon("checkpoint-preloader-" + instance)))));
    }

    /**
     * The default scheduler when the executor is the preloader's own pool too: a task for that
     * pool is scheduled on it directly, so the pool thread that waited for it runs it. Caffeine's
     * {@link Scheduler#forScheduledExecutorService} would wake a timer thread that hands the task
     * to a pool thread: two thread wake-ups per planned reload instead of one, on the machine the
     * readers run on.
     */
    private static Scheduler onOwnPool(ScheduledExecutorService pool) {
        Scheduler handOff = Scheduler.forScheduledExecutorService(pool);
        return (executor, command, delay, unit) -> executor == pool
                ? pool.schedule(command, delay, unit)
                : handOff.schedule(executor, command, delay, unit);
    }

    /** The scheduler in use (tests). */
    Scheduler scheduler() {
        return scheduler;
    }

    /** The executor in use (tests). */
    Executor executor() {
        return executor;
    }

    private <E extends ExecutorService> E own(E service) {
        owned.add(service);
        return service;
    }

    void start() {
        synchronized (this) {
            nextRoundNanos = ticker.read() + config.interval().toNanos();
        }
        scheduleNextRound();
    }

    /**
     * Fixed rate on the ticker, so an entry's age grows by one interval between rounds; a round
     * that overruns delays the next (it is scheduled when this one ends), never overlaps it.
     */
    private void scheduleNextRound() {
        if (closed.get()) {
            return;
        }
        long delay;
        synchronized (this) {
            delay = Math.max(0L, nextRoundNanos - ticker.read());
            nextRoundNanos += config.interval().toNanos();
        }
        try {
            nextRound = scheduler.schedule(executor, this::runScheduledRound, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void runScheduledRound() {
        try {
            planRound();
        } catch (RuntimeException e) {
            // A failing round must not cancel the schedule; the loads themselves are counted.
            LOG.warn("Preloader round failed; retrying next round", e);
        } finally {
            scheduleNextRound();
        }
    }

    /**
     * A scheduled round: plans the loads of the due keys instead of running them at once. A
     * missing key is loaded now; an entry about to expire is reloaded a quarter interval before it
     * expires, not at the round: a round finds it up to an interval and a quarter early, and
     * reloading it then would shorten every hot entry's life by that much (more backend reads)
     * and send the whole round to the backend in one burst (a queue in front of readers' misses).
     */
    void planRound() {
        for (CacheKey key : dueKeys()) {
            if (!plan(key)) {
                return;
            }
        }
    }

    /**
     * After a reader was served from an entry: when the entry expires within an interval (so the
     * next round may come too late) and within half its life, no reload is planned and the key is
     * hot, plans its reload now. This covers entries that began to be read after the last round
     * that saw them (Caffeine's refresh-after-write reloads on such a read too); the rounds cover
     * the rest.
     */
    void afterHit(CacheKey key) {
        long left = cache.nanosUntilExpiry(key);
        if (left >= 0 && left <= readTriggerWindowNanos && !planned.contains(key)
                && tracker.shouldPreload(key)) {
            plan(key);
        }
    }

    /**
     * After a write through the decorator that another write overlapped: its key's entry was
     * removed (the order in which the store applied the two is unknown, so neither result can be
     * cached). When the key is hot, loads it now, so that its next reader finds it cached again.
     * Each such write starts its own load, after its own end: a load started by the first of two
     * overlapping writes is dropped if the second ends while it reads, and the second's load,
     * which begins after both, is the one that stays.
     */
    void afterOverlappingWrite(CacheKey key) {
        if (closed.get() || !tracker.shouldPreload(key)) {
            return;
        }
        try {
            executor.execute(() -> preload(key));
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** Plans the load of a key (a reload a quarter interval before expiry); false once closed. */
    private boolean plan(CacheKey key) {
        if (closed.get()) {
            return false;
        }
        if (!planned.add(key)) {
            return true;
        }
        long lead = config.interval().dividedBy(4).toNanos();
        CachedResult entry = cache.peek(key);
        long delay = cache.untilExpiry(key).map(d -> Math.max(0L, d.toNanos() - lead)).orElse(0L);
        try {
            Runnable load = () -> {
                try {
                    // A write through the decorator (or a reader's miss) may have replaced the
                    // entry meanwhile: then it is fresh and the load would be wasted.
                    CachedResult now = cache.peek(key);
                    if (now == null || now == entry) {
                        preload(key);
                    }
                } finally {
                    planned.remove(key);
                }
            };
            if (delay == 0) {
                executor.execute(load); // a missing key: now, without a trip through the scheduler
            } else {
                scheduler.schedule(executor, load, delay, TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (RejectedExecutionException e) {
            planned.remove(key); // closed meanwhile
            return false;
        }
    }

    /**
     * Runs one round now with every load at once, on the executor, and returns when they are
     * done (tests drive rounds with it; a scheduled round plans reloads instead, see
     * {@link #planRound}).
     *
     * @return how many keys it tried to load
     */
    int runRound() throws InterruptedException {
        List<CacheKey> due = dueKeys();
        List<CompletableFuture<Void>> loads = new ArrayList<>(due.size());
        for (CacheKey key : due) {
            loads.add(CompletableFuture.runAsync(() -> preload(key), executor));
        }
        try {
            CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a preload threw", e.getCause());
        }
        return due.size();
    }

    /**
     * The keys of this round: going down the hot keys from the highest score, each one (and its
     * related keys) whose value is missing or would expire before the next round, until the batch
     * is full. Fresh hot keys cost nothing, so the batch goes to the hottest keys that need a load.
     * The horizon is the interval plus a quarter, so that a round started a little late (a busy
     * machine, a slow round) still finds its hot entries in the cache.
     *
     * <p>The score decides, whether readers are reading now or paused: a key read often stays
     * loaded through a pause for as long as its score stays above the threshold. What bounds the
     * loads of a key whose readers left is the score itself: a preloaded value that expires (or
     * is due) unread counts against it ({@link AccessTracker#recordUnreadExpiry}, one
     * {@code unreadExpiryFactor} per value), so after a few unread values the key drops below the
     * threshold and is left alone until it is read again.
     */
    private List<CacheKey> dueKeys() {
        Duration horizon = horizon();
        int batchSize = config.batchSize();
        Set<CacheKey> due = new LinkedHashSet<>();
        for (CacheKey hot : tracker.hotKeys(Integer.MAX_VALUE)) {
            if (due.size() >= batchSize) {
                break;
            }
            if (planned.contains(hot)) {
                continue; // its load is already planned
            }
            if (!needsLoad(hot, horizon)) {
                continue; // fresh, or no longer hot once its unread value counted
            }
            due.add(hot);
            List<CacheKey> related = tracker.relatedKeys(hot);
            for (int i = 0; i < related.size() && i < config.maxRelatedKeys() && due.size() < batchSize; i++) {
                CacheKey key = related.get(i);
                if (!planned.contains(key) && needsLoad(key, horizon)) {
                    due.add(key);
                }
            }
        }
        return new ArrayList<>(due);
    }

    /**
     * Whether a key needs a load this round: its value is missing or expires within the horizon,
     * and the key is still hot once a preloaded value that nobody read is counted against it.
     */
    private boolean needsLoad(CacheKey key, Duration horizon) {
        if (!cache.dueForPreload(key, horizon)) {
            return false;
        }
        return !tracker.recordUnreadExpiry(key) || tracker.shouldPreload(key);
    }

    /** How far ahead a round looks: the interval and a quarter, the margin for late rounds. */
    private Duration horizon() {
        return config.interval().plus(config.interval().dividedBy(4));
    }

    private void preload(CacheKey key) {
        if (closed.get()) {
            return;
        }
        inFlight.incrementAndGet();
        try {
            ReadCache.Stamp stamp = cache.stamp(key);
            CachedResult result = new CachedResult(key.readFrom(delegate), true);
            if (closed.get()) {
                return; // closed while it read: the cache is going away
            }
            cache.putRead(key, stamp, result);
            tracker.recordLoad(key);
            preloads.incrementAndGet();
            if (failing.compareAndSet(true, false)) {
                LOG.info("Preloader loads succeed again after {} failures in all", failures.get());
            }
        } catch (RuntimeException e) {
            if (closed.get() || Thread.currentThread().isInterrupted()) {
                // close() interrupted the load, or closed the store under it: going away, not failing.
                LOG.debug("Preloader load ended by close()", e);
                return;
            }
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

    /** Loads planned by scheduled rounds and not finished. */
    int planned() {
        return planned.size();
    }

    long inFlight() {
        return inFlight.get();
    }

    /**
     * Stops the schedule; shuts down the executor services it made for its defaults (interrupting
     * loads in flight) and waits briefly for them. An injected executor or scheduler is left
     * running; whatever it still runs for this preloader does nothing once closed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Future<?> round = nextRound;
        if (round != null) {
            round.cancel(false);
        }
        for (ExecutorService service : owned) {
            service.shutdownNow();
        }
        try {
            for (ExecutorService service : owned) {
                service.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closed, and the threads it made for its defaults (if any) ended. */
    boolean terminated() {
        return closed.get() && owned.stream().allMatch(ExecutorService::isTerminated);
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
