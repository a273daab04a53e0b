package io.checkpointkit.preloader;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.UnaryOperator;

/**
 * The Caffeine cache of read results, and the protocol that keeps a result read from the store
 * before a write from landing in the cache after it.
 *
 * <p>Keys hash to stripes; each stripe has a generation and a count of writes in progress.
 * <ul>
 *   <li>A reader (or the preloader) takes the generation of its key's stripe before it reads the
 *       store, and puts its result only if the generation is unchanged, checked inside the cache's
 *       per-key {@code compute}. A write bumps the generation inside its own {@code compute} on
 *       the key, after the store has done the write. So either the reader's put sees the bump and
 *       drops its result, or the put comes first and the write's {@code compute} replaces it.
 *   <li>A write updates the cached entry from its own result only when it was alone on its stripe
 *       from start to end (no other write started or finished meanwhile). Otherwise the order in
 *       which the store applied concurrent writes is unknown here, and the entry is removed.
 *   <li>A write that cannot name every key it changes (delete, clear, trim) finds the entries it
 *       may have changed in a {@link CachedKeyIndex} (the checkpoints of one execution, the
 *       latest entries that are one checkpoint) and removes those: O(entries of that execution),
 *       not a scan of the cache; the index's sequence keeps reads in flight from caching what it
 *       removed.
 * </ul>
 * A mismatch only ever removes or skips an entry, never keeps an older one; stripes shared by
 * unrelated keys cost an occasional extra miss, not correctness.
 */
final class ReadCache {

    private static final int STRIPES = 4096;

    private final Cache<CacheKey, CachedResult> cache;
    private final Policy.FixedExpiration<CacheKey, CachedResult> expiration;
    private final long expiresAfterNanos;
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
    private final AtomicIntegerArray writesInProgress = new AtomicIntegerArray(STRIPES);
    private final CachedKeyIndex index = new CachedKeyIndex();

    /** Taken before a read of the store (or a write), checked before its result is cached. */
    record Stamp(long generation, long sequence) {
    }

    ReadCache(PreloaderConfig config) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.maximumSize())
                .expireAfterWrite(config.expireAfterWrite())
                .ticker(config.ticker())
                // Evicted and expired entries leave the index at once, under the entry's lock.
                .<CacheKey, CachedResult>evictionListener((key, entry, cause) -> index.remove(key, entry))
                .build();
        this.expiration = cache.policy().expireAfterWrite().orElseThrow();
        this.expiresAfterNanos = config.expireAfterWrite().toNanos();
    }

    /** The cached result, or null when none (or expired). */
    CachedResult get(CacheKey key) {
        return cache.getIfPresent(key);
    }

    /** The cached result, or null, without counting as a read (Caffeine's quiet lookup). */
    CachedResult peek(CacheKey key) {
        return cache.policy().getIfPresentQuietly(key);
    }

    /** The stamp to pass to {@link #putRead}; take it before reading the store. */
    Stamp stamp(CacheKey key) {
        long sequence = index.sequence();
        return new Stamp(generations.get(stripe(key)), sequence);
    }

    /** Caches a result read from the store after {@code stamp}, unless a write came in between. */
    void putRead(CacheKey key, Stamp stamp, CachedResult result) {
        cache.asMap().compute(key, (k, old) -> replace(k, old,
                generations.get(stripe(k)) == stamp.generation() ? result : null, stamp.sequence()));
    }

    /**
     * Replaces {@code old} by {@code next} in the index, then checks {@code next} against the
     * writes that removed entries by execution or checkpoint id since {@code sequence} (in this
     * order: see {@link CachedKeyIndex}); the value to keep. Called under the key's compute.
     */
    private CachedResult replace(CacheKey key, CachedResult old, CachedResult next, long sequence) {
        if (old == next) {
            return next;
        }
        index.remove(key, old);
        if (next == null) {
            return null;
        }
        index.add(key, next);
        if (index.unchangedSince(key, next, sequence)) {
            return next;
        }
        index.remove(key, next);
        return null;
    }

    /** Marks the start of a write that changes {@code key}; pass the ticket to {@link #endWrite}. */
    Stamp beginWrite(CacheKey key) {
        int stripe = stripe(key);
        writesInProgress.incrementAndGet(stripe);
        long sequence = index.sequence();
        return new Stamp(generations.get(stripe), sequence);
    }

    /**
     * Ends a write begun with {@link #beginWrite}: applies {@code update} to the cached entry (null
     * removes it) when the write was alone on its stripe, removes the entry otherwise. Call it
     * after the store returned or threw, in every case.
     *
     * @return whether another write overlapped this one (then the entry, if any, was removed)
     */
    boolean endWrite(CacheKey key, Stamp ticket, UnaryOperator<CachedResult> update) {
        int stripe = stripe(key);
        boolean[] overlapped = {false};
        try {
            cache.asMap().compute(key, (k, old) -> {
                long generation = generations.incrementAndGet(stripe);
                boolean alone = generation == ticket.generation() + 1 && writesInProgress.get(stripe) == 1;
                CachedResult next = alone ? update.apply(old) : null;
                CachedResult kept = replace(k, old, next, ticket.sequence());
                // Dropped because a delete, clear or trim of its checkpoint or execution came
                // meanwhile: an overlap too (which one the store applied last is unknown).
                overlapped[0] = !alone || (next != null && kept == null);
                return kept;
            });
        } finally {
            writesInProgress.decrementAndGet(stripe);
        }
        return overlapped[0];
    }

    /**
     * After checkpoints of an execution were removed from the store (clear, trim): removes the
     * cached {@code load} results of that execution, found in the index, and keeps reads in
     * flight from caching one: O(entries of that execution).
     */
    void forgetCheckpointsOf(String executionId) {
        for (String checkpointId : index.takeCheckpointsOf(executionId)) {
            cache.asMap().computeIfPresent(CacheKey.checkpoint(checkpointId), (k, old) -> old.value()
                    .filter(c -> c.executionId().equals(executionId)).isPresent() ? replace(k, old, null, 0) : old);
        }
    }

    /**
     * After a checkpoint was deleted from the store: removes the cached {@code latest} results
     * that were that checkpoint, found in the index, and keeps reads in flight from caching one.
     */
    void forgetLatestThatIs(String checkpointId) {
        for (String executionId : index.takeExecutionsWhoseLatestIs(checkpointId)) {
            cache.asMap().computeIfPresent(CacheKey.latest(executionId), (k, old) -> old.value()
                    .filter(c -> c.id().equals(checkpointId)).isPresent() ? replace(k, old, null, 0) : old);
        }
    }

    /** Index entries now (tests). */
    int indexSize() {
        return index.size();
    }

    /**
     * Whether a key's value is missing or expires within {@code horizon} (the preloader decides
     * by score whether to load it).
     */
    boolean dueForPreload(CacheKey key, Duration horizon) {
        Optional<Duration> age = expiration.ageOf(key);
        return age.isEmpty() || age.get().plus(horizon).compareTo(expiration.getExpiresAfter()) >= 0;
    }

    /** The time left before the key's entry expires; empty when it is not cached. */
    Optional<Duration> untilExpiry(CacheKey key) {
        return expiration.ageOf(key).map(age -> expiration.getExpiresAfter().minus(age));
    }

    /**
     * {@link #untilExpiry} in nanoseconds, without an {@code Optional} or a {@code Duration} per
     * call (a reader's hit asks it): negative when the key is not cached.
     */
    long nanosUntilExpiry(CacheKey key) {
        OptionalLong age = expiration.ageOf(key, TimeUnit.NANOSECONDS);
        return age.isPresent() ? Math.max(0L, expiresAfterNanos - age.getAsLong()) : -1L;
    }

    void invalidateAll() {
        cache.invalidateAll();
        index.clear();
    }

    long size() {
        return cache.estimatedSize();
    }

    private static int stripe(CacheKey key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
