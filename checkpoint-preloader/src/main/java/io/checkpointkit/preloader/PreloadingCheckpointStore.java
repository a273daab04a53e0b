package io.checkpointkit.preloader;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;
import io.checkpointkit.decorators.ForwardingCheckpointStore;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

/**
 * A read cache for {@link #load} and {@link #latest}, kept warm by a background preloader that
 * loads hot keys before anyone asks: the decorator for stores on a reader's critical path.
 *
 * <pre>{@code
 * CheckpointStore store = PreloadingCheckpointStore.wrap(CheckpointStores.open(uri),
 *         PreloaderConfig.builder().maximumSize(10_000)
 *                 .expireAfterWrite(Duration.ofSeconds(30)).interval(Duration.ofSeconds(10)).build());
 * }</pre>
 *
 * <p><b>What is cached.</b> The results of {@code load(checkpointId)} and
 * {@code latest(executionId)}, present or absent, in one Caffeine cache bounded by
 * {@link PreloaderConfig#maximumSize()}, under keys that keep checkpoint ids and execution ids
 * apart. Every other method goes straight to the delegate.
 *
 * <p><b>Freshness.</b> A write through this decorator ({@code save}, {@code delete},
 * {@code clear}, {@code trim}) updates or removes every cached result it may change once the
 * delegate has done it, so a reader in this process never sees a result older than a write that
 * finished before its read started. A read of the delegate that was in flight during a write (a
 * reader's miss or a preload) never lands in the cache after that write. A write made around this
 * decorator (another process, another decorator below this one) is seen once the entry expires,
 * {@link PreloaderConfig#expireAfterWrite()} after it was cached, at the latest.
 *
 * <p><b>Preloading.</b> Each read is recorded in an {@link AccessTracker} (a checkpoint read
 * relates to its execution's latest). Every {@link PreloaderConfig#interval()}, the hot keys that
 * are not cached, or whose entry would expire before the next round, are loaded through the
 * delegate with their related keys, hottest first, whether their readers are reading now or
 * paused; each preloaded value that expires unread multiplies its key's score by
 * {@link PreloaderConfig#unreadExpiryFactor()}, so a key whose readers left is reloaded a bounded
 * number of times (see {@link PreloaderConfig.Builder#unreadExpiryFactor}). A failed preload is counted in
 * {@link PreloaderStats#preloadFailures()} and retried next round; it never reaches a reader.
 *
 * <p>Thread-safe; reads take no lock but Caffeine's per-key ones. {@link #close()} stops the
 * preloader, drops the cache and closes the delegate; afterwards every method but {@code close}
 * throws {@link IllegalStateException}.
 */
public final class PreloadingCheckpointStore extends ForwardingCheckpointStore {

    /** What {@link #writeExecution} sees as the result of a write that threw. */
    private static final int FAILED = -1;

    private final PreloaderConfig config;
    private final ReadCache cache;
    private final AccessTracker<CacheKey> tracker;
    private final Preloader preloader;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder preloadHits = new LongAdder();
    private final LongAdder preloadsRead = new LongAdder();

    private PreloadingCheckpointStore(CheckpointStore delegate, PreloaderConfig config) {
        super(delegate);
        this.config = config;
        this.cache = new ReadCache(config);
        AccessTracker.Builder<CacheKey> trackerBuilder = AccessTracker.<CacheKey>builder()
                .decayFactor(config.decayFactor())
                .decayPeriod(config.decayPeriod())
                .unreadExpiryFactor(config.unreadExpiryFactor())
                .threshold(config.threshold())
                .maxTrackedKeys(config.maxTrackedKeys())
                .maxRelatedKeys(config.maxRelatedKeys())
                .ticker(config.ticker());
        config.scoringFunction().ifPresent(trackerBuilder::scoringFunction);
        this.tracker = trackerBuilder.build();
        this.preloader = new Preloader(delegate, cache, tracker, config);
    }

    /**
     * Wraps a store in a preloading read cache and starts its background preloader.
     *
     * @param store the store to cache; closed when this one is closed
     * @param config the configuration
     * @return the decorator
     * @throws NullPointerException if an argument is null
     */
    public static PreloadingCheckpointStore wrap(CheckpointStore store, PreloaderConfig config) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(config, "config must not be null");
        PreloadingCheckpointStore preloading = new PreloadingCheckpointStore(store, config);
        preloading.preloader.start();
        return preloading;
    }

    /** The configuration this store was made with. */
    public PreloaderConfig config() {
        return config;
    }

    /**
     * A snapshot of the statistics.
     *
     * @return the statistics now
     */
    public PreloaderStats stats() {
        long hitCount = hits.sum();
        long reads = hitCount + misses.sum();
        long preloads = preloader.preloads();
        return new PreloaderStats(
                reads,
                tracker.trackedKeys(),
                tracker.associations(),
                preloads,
                preloadHits.sum(),
                preloads == 0 ? 0.0 : Math.min(1.0, (double) preloadsRead.sum() / preloads),
                preloader.inFlight(),
                reads == 0 ? 0.0 : (double) hitCount / reads,
                preloader.failures());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Served from the cache when it holds the id; otherwise read from the delegate and cached.
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        Ids.requireValid(checkpointId, "checkpointId");
        return read(CacheKey.checkpoint(checkpointId),
                result -> result.isPresent() ? List.of(CacheKey.latest(result.get().executionId())) : List.of());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Served from the cache when it holds the execution; otherwise read from the delegate and
     * cached.
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public Optional<Checkpoint> latest(String executionId) {
        Ids.requireValid(executionId, "executionId");
        return read(CacheKey.latest(executionId), result -> List.of());
    }

    /**
     * The read of {@link #load} and {@link #latest}: the cached result on a hit, else the
     * delegate's, cached; then the read is recorded with the keys {@code related} names for its
     * result. After a miss the cached value was read once, at its start; like a preloaded value,
     * it counts against the key's score if it expires without another read.
     */
    private Optional<Checkpoint> read(CacheKey key, Function<Optional<Checkpoint>, List<CacheKey>> related) {
        requireOpen();
        CachedResult cached = hit(key);
        Optional<Checkpoint> result = cached != null ? cached.value() : miss(key);
        tracker.record(key, related.apply(result));
        if (cached == null) {
            tracker.recordLoad(key);
        }
        return result;
    }

    /** The cached entry of {@code key}, counted as a hit; null on a miss (nothing counted). */
    private CachedResult hit(CacheKey key) {
        CachedResult cached = cache.get(key);
        if (cached != null) {
            hits.increment();
            boolean firstRead = cached.markRead();
            preloader.afterHit(key);
            if (cached.preloaded()) {
                preloadHits.increment();
                if (firstRead) {
                    preloadsRead.increment();
                }
            }
        }
        return cached;
    }

    /** Reads {@code key} from the delegate, counted as a miss, and caches the result. */
    private Optional<Checkpoint> miss(CacheKey key) {
        misses.increment();
        ReadCache.Stamp stamp = cache.stamp(key);
        Optional<Checkpoint> result = key.readFrom(delegate());
        cache.putRead(key, stamp, new CachedResult(result, false));
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Then updates the cached entry of its id, if there is one, and its execution's cached latest
     * when it is the new latest; it creates no entry. When another write through the decorator
     * overlapped this one on the same entry, the entry is removed instead (which write the store
     * applied last is unknown here), and reloaded in the background if its key is hot.
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint must not be null");
        requireOpen();
        CacheKey byId = CacheKey.checkpoint(checkpoint.id());
        CacheKey latest = CacheKey.latest(checkpoint.executionId());
        ReadCache.Stamp byIdTicket = cache.beginWrite(byId);
        ReadCache.Stamp latestTicket = cache.beginWrite(latest);
        Checkpoint saved = null;
        try {
            saved = delegate().save(checkpoint);
            return saved;
        } finally {
            Checkpoint stored = saved;
            // On failure the write may still have landed (a timeout): forget both entries.
            // The id's entry is updated when there is one, never created: checkpoints are saved
            // far more often than they are read back by id, and an entry per save would crowd the
            // entries that readers use out of the cache.
            if (cache.endWrite(byId, byIdTicket,
                    old -> stored == null || old == null ? null : new CachedResult(Optional.of(stored), false))) {
                preloader.afterOverlappingWrite(byId);
            }
            if (cache.endWrite(latest, latestTicket, old -> stored == null ? null : latestAfterSave(old, stored))) {
                preloader.afterOverlappingWrite(latest);
            }
        }
    }

    /** The latest of an execution after {@code saved} was stored, from the cached one before. */
    private static CachedResult latestAfterSave(CachedResult old, Checkpoint saved) {
        if (old == null) {
            return null; // the other checkpoints are unknown here
        }
        if (old.value().isEmpty()) {
            return new CachedResult(Optional.of(saved), false); // the execution was empty
        }
        Checkpoint before = old.value().get();
        int order = Checkpoint.ORDER.compare(saved, before);
        if (before.id().equals(saved.id())) {
            // An update of the latest: still the latest unless it moved back in time.
            return order >= 0 ? new CachedResult(Optional.of(saved), false) : null;
        }
        return order > 0 ? new CachedResult(Optional.of(saved), false) : old;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Then caches the id as absent and forgets the latest of any execution that it was.
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public boolean delete(String checkpointId) {
        Ids.requireValid(checkpointId, "checkpointId");
        requireOpen();
        CacheKey byId = CacheKey.checkpoint(checkpointId);
        ReadCache.Stamp ticket = cache.beginWrite(byId);
        boolean deleted = false;
        boolean done = false;
        try {
            deleted = delegate().delete(checkpointId);
            done = true;
            return deleted;
        } finally {
            boolean absent = done;
            cache.endWrite(byId, ticket, old -> absent ? new CachedResult(Optional.empty(), false) : null);
            if (deleted || !done) {
                // The execution is unknown without a read; the deleted checkpoint matters only
                // where it was the cached latest.
                cache.forgetLatestThatIs(checkpointId);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Then caches the execution's latest as absent and forgets its cached checkpoints.
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public int clear(String executionId) {
        Ids.requireValid(executionId, "executionId");
        return writeExecution(executionId, () -> delegate().clear(executionId),
                removed -> removed != FAILED, removed -> true);
    }

    /**
     * {@inheritDoc}
     *
     * <p>When it removed something, then caches the execution's latest as absent and forgets
     * its cached checkpoints, as {@link #clear} does; otherwise forgets only the cached latest.
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public int clearIfIdleSince(String executionId, Instant cutoff) {
        Ids.requireValid(executionId, "executionId");
        Objects.requireNonNull(cutoff, "cutoff must not be null");
        return writeExecution(executionId, () -> delegate().clearIfIdleSince(executionId, cutoff),
                removed -> removed > 0, removed -> removed != 0);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Then forgets the execution's latest and its cached checkpoints.
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public int trim(String executionId, int keepLatest) {
        Ids.requireValid(executionId, "executionId");
        Arguments.requireNotNegative(keepLatest, "keepLatest");
        return writeExecution(executionId, () -> delegate().trim(executionId, keepLatest),
                removed -> false, removed -> true);
    }

    /**
     * Runs a write that removes checkpoints of one execution (clear, conditional clear, trim)
     * under a write ticket on the execution's cached latest, then updates the cache from what it
     * returned: {@code removed}, or {@link #FAILED} when it threw (it may still have landed).
     * The latest is cached as absent when {@code leavesEmpty} holds for {@code removed} and
     * forgotten otherwise; the execution's cached checkpoints are forgotten when
     * {@code mayHaveRemoved} holds. Refuses first when the store is closed (the caller has checked
     * its arguments).
     */
    private int writeExecution(String executionId, IntSupplier write, IntPredicate leavesEmpty,
            IntPredicate mayHaveRemoved) {
        requireOpen();
        CacheKey latest = CacheKey.latest(executionId);
        ReadCache.Stamp ticket = cache.beginWrite(latest);
        int removed = FAILED;
        try {
            removed = write.getAsInt();
            return removed;
        } finally {
            boolean empty = leavesEmpty.test(removed);
            cache.endWrite(latest, ticket, old -> empty ? new CachedResult(Optional.empty(), false) : null);
            if (mayHaveRemoved.test(removed)) {
                cache.forgetCheckpointsOf(executionId);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public List<Checkpoint> list(String executionId) {
        requireOpen();
        return super.list(executionId);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the store is closed
     */
    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        requireOpen();
        return super.list(executionId, query);
    }

    /**
     * Stops the preloader, drops the cache and closes the delegate. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                preloader.close();
            } finally {
                cache.invalidateAll();
                super.close();
            }
        }
    }

    /** One preloader round now, on the calling thread (tests drive rounds with it). */
    int preloadNow() throws InterruptedException {
        return preloader.runRound();
    }

    /** One scheduled round now: plans its loads on the preloader's threads (tests). */
    void planPreloadsNow() {
        preloader.planRound();
    }

    /** Loads planned by scheduled rounds and not finished (tests). */
    int plannedPreloads() {
        return preloader.planned();
    }

    /** Entries of the per-execution index of cached keys (tests). */
    int indexedEntries() {
        return cache.indexSize();
    }

    AccessTracker<CacheKey> tracker() {
        return tracker;
    }

    /** The background preloader (tests). */
    Preloader preloader() {
        return preloader;
    }

    boolean preloaderTerminated() {
        return preloader.terminated();
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the store is closed: " + this);
        }
    }
}
