package io.checkpointkit.preloader;

import com.github.benmanes.caffeine.cache.Ticker;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Scores keys by decayed access frequency and remembers which keys are read together, to decide
 * what to load before anyone asks. Usable on its own; {@link PreloadingCheckpointStore} uses one
 * keyed by (kind, id) so that checkpoint ids and execution ids never meet.
 *
 * <p>Per key it keeps an access count and the time of the last access; the score is a
 * {@link ScoringFunction} of the two, by default {@code accessCount × decayFactor ^
 * hoursSinceLastAccess} (the period configurable, {@link Builder#decayPeriod}), multiplied by
 * {@code unreadExpiryFactor ^ unreadExpiries}: the values loaded for the key
 * ({@link #recordLoad}) that expired with no read since ({@link #recordUnreadExpiry}), reset by
 * the key's next read. A key whose score is above the threshold is hot ({@link #shouldPreload},
 * {@link #hotKeys}). It tracks at most {@code maxTrackedKeys} keys: when a new key makes one too
 * many, the key with the lowest score is dropped, together with its related keys (from 32 tracked
 * keys up, the lowest 1/32 of the bound go at once, so that one scan of the keys makes room for
 * many new ones). Each key keeps
 * its most recently recorded related keys, at most {@code maxRelatedKeys}; a dropped key's
 * related keys go with it, links from other keys to it stay theirs.
 *
 * <p>Thread-safe. Recording an access locks only the key's own entry (and its hash bin for a new
 * key); when the tracker is full, one recording thread at a time scans for the lowest scores
 * while the others go on, so the bound may be passed briefly under contention.
 *
 * <pre>{@code
 * AccessTracker<String> tracker = AccessTracker.<String>builder().threshold(2).build();
 * tracker.record("cp-7", "latest:exec-42");
 * tracker.hotKeys(10);   // the keys scoring above 2, highest first
 * }</pre>
 *
 * @param <K> the key type; keys need {@code equals} and {@code hashCode}
 */
public final class AccessTracker<K> {

    private final ScoringFunction scoring;
    private final double unreadExpiryFactor;
    private final double threshold;
    private final int maxTrackedKeys;
    private final int maxRelatedKeys;
    /** Keys dropped beyond the excess in one eviction scan: 1/32 of the bound, 0 below 32 keys. */
    private final int evictionSlack;
    private final Ticker ticker;

    private final ConcurrentHashMap<K, Entry<K>> entries = new ConcurrentHashMap<>();
    private final LongAdder accesses = new LongAdder();
    private final AtomicLong associations = new AtomicLong();
    private final ReentrantLock evictionLock = new ReentrantLock();

    private AccessTracker(Builder<K> builder) {
        this.scoring = builder.scoring != null ? builder.scoring
                : ScoringFunction.decay(builder.decayFactor, builder.decayPeriod);
        this.unreadExpiryFactor = builder.unreadExpiryFactor;
        this.threshold = builder.threshold;
        this.maxTrackedKeys = builder.maxTrackedKeys;
        this.maxRelatedKeys = builder.maxRelatedKeys;
        this.evictionSlack = builder.maxTrackedKeys / 32;
        this.ticker = builder.ticker;
    }

    /**
     * A tracker with the defaults of {@link PreloaderConfig}: decay factor
     * {@value PreloaderConfig#DEFAULT_DECAY_FACTOR}, threshold
     * {@value PreloaderConfig#DEFAULT_THRESHOLD}, at most
     * {@value PreloaderConfig#DEFAULT_MAX_TRACKED_KEYS} keys and
     * {@value PreloaderConfig#DEFAULT_MAX_RELATED_KEYS} related keys per key, the system ticker.
     *
     * @param <K> the key type
     * @return a new, empty tracker
     */
    public static <K> AccessTracker<K> create() {
        return AccessTracker.<K>builder().build();
    }

    /**
     * A builder starting from the defaults of {@link #create()}.
     *
     * @param <K> the key type
     * @return a new builder
     */
    public static <K> Builder<K> builder() {
        return new Builder<>();
    }

    /**
     * Records one access to {@code key}, and that each of {@code relatedKeys} is read together with
     * it. The key's count goes up by one and its last access becomes now. Related keys are kept
     * most recent first, at most {@code maxRelatedKeys}; the key itself and duplicates are ignored.
     *
     * @param key the key read
     * @param relatedKeys keys read with it; none is fine
     * @throws NullPointerException if {@code key}, {@code relatedKeys} or one of them is null
     */
    @SafeVarargs
    public final void record(K key, K... relatedKeys) {
        Objects.requireNonNull(relatedKeys, "relatedKeys must not be null");
        List<K> related = new ArrayList<>(relatedKeys.length);
        for (K relatedKey : relatedKeys) {
            related.add(relatedKey);
        }
        record(key, related);
    }

    /**
     * Records one access to {@code key} with related keys; see {@link #record(Object, Object[])}.
     *
     * @param key the key read
     * @param relatedKeys keys read with it; empty is fine
     * @throws NullPointerException if {@code key}, {@code relatedKeys} or one of them is null
     */
    public void record(K key, Collection<? extends K> relatedKeys) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(relatedKeys, "relatedKeys must not be null");
        for (K related : relatedKeys) {
            Objects.requireNonNull(related, "relatedKeys must not contain null");
        }
        long now = nowNanos();
        accesses.increment();
        while (true) {
            // A plain get first: computeIfAbsent locks the key's bin unless the key heads it, and
            // nearly every read records a key that is tracked already.
            Entry<K> entry = entries.get(key);
            if (entry == null) {
                entry = entries.computeIfAbsent(key, k -> new Entry<>());
            }
            synchronized (entry) {
                if (entry.dropped) {
                    continue; // evicted between the lookup and the lock: record into a new entry
                }
                entry.accessCount++;
                entry.lastAccessNanos = Math.max(entry.lastAccessNanos, now);
                entry.unreadExpiries = 0;
                entry.loadedUnread = false;
                for (K related : relatedKeys) {
                    if (!related.equals(key)) {
                        associations.addAndGet(entry.relate(related, maxRelatedKeys));
                    }
                }
            }
            break;
        }
        if (entries.size() > maxTrackedKeys) {
            evictLowest();
        }
    }

    /**
     * The score of a key now, or 0 when it is not tracked.
     *
     * @param key the key
     * @return its score
     * @throws NullPointerException if {@code key} is null
     */
    public double score(K key) {
        Objects.requireNonNull(key, "key must not be null");
        Entry<K> entry = entries.get(key);
        return entry == null ? 0.0 : scoreOf(entry, nowNanos());
    }

    /**
     * Whether a key is hot: tracked, with a score above the threshold.
     *
     * @param key the key
     * @return true when its score is above the threshold
     * @throws NullPointerException if {@code key} is null
     */
    public boolean shouldPreload(K key) {
        return score(key) > threshold;
    }

    /**
     * The hot keys, highest score first (ties: the most recently read first).
     *
     * @param limit the most keys to return, 0 or more
     * @return the keys scoring above the threshold, at most {@code limit}
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public List<K> hotKeys(int limit) {
        Arguments.requireNotNegative(limit, "limit");
        long now = nowNanos();
        List<Scored<K>> hot = new ArrayList<>();
        for (Map.Entry<K, Entry<K>> e : entries.entrySet()) {
            Scored<K> scored = scored(e.getKey(), e.getValue(), now);
            if (scored.score > threshold) {
                hot.add(scored);
            }
        }
        hot.sort(Scored.<K>highestFirst());
        List<K> keys = new ArrayList<>(Math.min(limit, hot.size()));
        for (int i = 0; i < hot.size() && i < limit; i++) {
            keys.add(hot.get(i).key);
        }
        return keys;
    }

    /**
     * The keys recorded as read together with {@code key}, most recent first.
     *
     * @param key the key
     * @return at most {@code maxRelatedKeys} keys; empty when none or when the key is not tracked
     * @throws NullPointerException if {@code key} is null
     */
    public List<K> relatedKeys(K key) {
        Objects.requireNonNull(key, "key must not be null");
        Entry<K> entry = entries.get(key);
        if (entry == null) {
            return List.of();
        }
        synchronized (entry) {
            List<K> related = new ArrayList<>(entry.related);
            Collections.reverse(related);
            return List.copyOf(related);
        }
    }

    /** How many keys are tracked now. */
    public int trackedKeys() {
        return entries.size();
    }

    /** How many related-key links the tracked keys hold now. */
    public long associations() {
        return associations.get();
    }

    /** How many accesses were recorded since the tracker was created ({@link #clear()} keeps it). */
    public long accesses() {
        return accesses.sum();
    }

    /** Forgets every tracked key and its related keys. */
    public void clear() {
        for (K key : entries.keySet()) {
            Entry<K> entry = entries.get(key);
            if (entry != null) {
                drop(key, entry);
            }
        }
    }

    private void evictLowest() {
        // One evictor at a time; the others go on recording instead of waiting.
        while (entries.size() > maxTrackedKeys && evictionLock.tryLock()) {
            try {
                if (entries.size() <= maxTrackedKeys) {
                    return;
                }
                // A scan visits every key: drop a few more than needed, so that one scan makes
                // room for many new keys instead of one (a full tracker sees a new key on every
                // read of a cold key, and the scan runs on a reader's thread).
                int excess = entries.size() - maxTrackedKeys + evictionSlack;
                long now = nowNanos();
                // The `excess` lowest scores, in one pass: a max-heap of that size.
                PriorityQueue<Scored<K>> lowest = new PriorityQueue<>(excess + 1, Scored.<K>highestFirst());
                for (Map.Entry<K, Entry<K>> e : entries.entrySet()) {
                    lowest.add(scored(e.getKey(), e.getValue(), now));
                    if (lowest.size() > excess) {
                        lowest.poll();
                    }
                }
                for (Scored<K> victim : lowest) {
                    drop(victim.key, victim.entry);
                }
            } finally {
                evictionLock.unlock();
            }
        }
    }

    private void drop(K key, Entry<K> entry) {
        synchronized (entry) {
            if (!entry.dropped && entries.remove(key, entry)) {
                entry.dropped = true;
                associations.addAndGet(-entry.related.size());
                entry.related.clear();
            }
        }
    }

    private Scored<K> scored(K key, Entry<K> entry, long now) {
        long lastAccess;
        double score;
        synchronized (entry) {
            lastAccess = entry.lastAccessNanos;
            score = scoreOf(entry, now);
        }
        return new Scored<>(key, entry, score, lastAccess);
    }

    private double scoreOf(Entry<K> entry, long now) {
        long count;
        long last;
        int unread;
        synchronized (entry) {
            count = entry.accessCount;
            last = entry.lastAccessNanos;
            unread = entry.unreadExpiries;
        }
        if (count == 0) {
            return 0.0; // created by a lookup that has not recorded yet
        }
        double score = scoring.score(count, Duration.ofNanos(Math.max(0L, now - last)));
        return unread == 0 ? score : score * Math.pow(unreadExpiryFactor, unread);
    }

    /**
     * Records that a value was loaded for {@code key} (a preload, or a miss that its reader read
     * once): if nobody reads the key again before that value expires,
     * {@link #recordUnreadExpiry} counts it against the key's score. A {@link #record} after this
     * call clears it. Does nothing when the key is not tracked.
     *
     * @param key the key loaded
     * @throws NullPointerException if {@code key} is null
     */
    public void recordLoad(K key) {
        Objects.requireNonNull(key, "key must not be null");
        Entry<K> entry = entries.get(key);
        if (entry != null) {
            synchronized (entry) {
                entry.loadedUnread = true;
            }
        }
    }

    /**
     * Records that the value last loaded for {@code key} (see {@link #recordLoad}) expired, or is
     * about to, without a read since: the key's score is multiplied by
     * {@code unreadExpiryFactor} once more, until its next read resets the count. Counts at most
     * once per load: without a {@link #recordLoad} since the last call or read it does nothing.
     *
     * @param key the key
     * @return whether it counted one
     * @throws NullPointerException if {@code key} is null
     */
    public boolean recordUnreadExpiry(K key) {
        Objects.requireNonNull(key, "key must not be null");
        Entry<K> entry = entries.get(key);
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            if (!entry.loadedUnread) {
                return false;
            }
            entry.loadedUnread = false;
            entry.unreadExpiries++;
            return true;
        }
    }

    /**
     * How many loaded values of a key expired unread since its last read (0 when not tracked).
     *
     * @param key the key
     * @return the count that divides its score
     * @throws NullPointerException if {@code key} is null
     */
    public int unreadExpiries(K key) {
        Objects.requireNonNull(key, "key must not be null");
        Entry<K> entry = entries.get(key);
        if (entry == null) {
            return 0;
        }
        synchronized (entry) {
            return entry.unreadExpiries;
        }
    }

    private long nowNanos() {
        return ticker.read();
    }

    /** The state of one key; guarded by its own monitor. */
    private static final class Entry<K> {
        long accessCount;
        long lastAccessNanos = Long.MIN_VALUE;
        /** Loaded values that expired unread since the last access. */
        int unreadExpiries;
        /** A value was loaded since the last access and its expiry is not counted yet. */
        boolean loadedUnread;
        boolean dropped;
        /** Oldest first, so the first one is the one to drop. */
        final LinkedHashSet<K> related = new LinkedHashSet<>();

        /** Adds or refreshes one related key; returns the change in the number of links. */
        int relate(K key, int max) {
            if (max == 0) {
                return 0;
            }
            if (related.remove(key)) {
                related.add(key);
                return 0;
            }
            related.add(key);
            if (related.size() > max) {
                related.remove(related.iterator().next());
                return 0;
            }
            return 1;
        }
    }

    private record Scored<K>(K key, Entry<K> entry, double score, long lastAccessNanos) {
        static <K> Comparator<Scored<K>> highestFirst() {
            return Comparator.<Scored<K>>comparingDouble(Scored::score).reversed()
                    .thenComparing(Comparator.<Scored<K>>comparingLong(Scored::lastAccessNanos).reversed());
        }
    }

    /**
     * Builds an {@link AccessTracker}; every setting starts at the default of
     * {@link PreloaderConfig}.
     *
     * @param <K> the key type
     */
    public static final class Builder<K> {
        private double decayFactor = PreloaderConfig.DEFAULT_DECAY_FACTOR;
        private Duration decayPeriod = PreloaderConfig.DEFAULT_DECAY_PERIOD;
        private ScoringFunction scoring;
        private double unreadExpiryFactor = PreloaderConfig.DEFAULT_UNREAD_EXPIRY_FACTOR;
        private double threshold = PreloaderConfig.DEFAULT_THRESHOLD;
        private int maxTrackedKeys = PreloaderConfig.DEFAULT_MAX_TRACKED_KEYS;
        private int maxRelatedKeys = PreloaderConfig.DEFAULT_MAX_RELATED_KEYS;
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {
        }

        /**
         * The decay factor of the default scoring, greater than 0 and at most 1; ignored when
         * {@link #scoringFunction} is set. Default {@value PreloaderConfig#DEFAULT_DECAY_FACTOR}.
         *
         * @param decayFactor greater than 0, at most 1
         * @return this builder
         * @throws IllegalArgumentException if it is out of range
         */
        public Builder<K> decayFactor(double decayFactor) {
            this.decayFactor = Arguments.requireFraction(decayFactor, "decayFactor");
            return this;
        }

        /**
         * The idle time over which the default scoring multiplies a score by the decay factor;
         * from 1 ms to 365 days; ignored when {@link #scoringFunction} is set. Default one hour.
         *
         * @param decayPeriod at least 1 ms
         * @return this builder
         * @throws NullPointerException if it is null
         * @throws IllegalArgumentException if it is shorter than 1 ms or longer than 365 days
         */
        public Builder<K> decayPeriod(Duration decayPeriod) {
            this.decayPeriod = Durations.requireBetween(decayPeriod, Duration.ofMillis(1), PreloaderConfig.MAXIMUM_DURATION,
                    "decayPeriod");
            return this;
        }

        /**
         * Replaces the default scoring ({@link ScoringFunction#decay(double, Duration)} of the
         * decay factor and period); default none.
         *
         * @param scoringFunction the function
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder<K> scoringFunction(ScoringFunction scoringFunction) {
            this.scoring = Objects.requireNonNull(scoringFunction, "scoringFunction must not be null");
            return this;
        }

        /**
         * What is left of a key's score per loaded value that expired unread since its last read
         * (see {@link AccessTracker#recordUnreadExpiry}): the score is
         * {@code scoring × unreadExpiryFactor ^ unreadExpiries}. Greater than 0, at most 1 (1:
         * unread expiries do not count). Default
         * {@value PreloaderConfig#DEFAULT_UNREAD_EXPIRY_FACTOR}.
         *
         * @param unreadExpiryFactor greater than 0, at most 1
         * @return this builder
         * @throws IllegalArgumentException if it is out of range
         */
        public Builder<K> unreadExpiryFactor(double unreadExpiryFactor) {
            this.unreadExpiryFactor = Arguments.requireFraction(unreadExpiryFactor, "unreadExpiryFactor");
            return this;
        }

        /**
         * The score a key must be above to be hot, a finite number, 0 or more. Default
         * {@value PreloaderConfig#DEFAULT_THRESHOLD}.
         *
         * @param threshold a finite number, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if it is negative, infinite or NaN
         */
        public Builder<K> threshold(double threshold) {
            this.threshold = Arguments.requireFiniteNotNegative(threshold, "threshold");
            return this;
        }

        /**
         * The most keys tracked; past it the lowest score is dropped (with a bound of 32 or more,
         * the lowest 1/32 of the bound at once). 1 or more; default
         * {@value PreloaderConfig#DEFAULT_MAX_TRACKED_KEYS}.
         *
         * @param maxTrackedKeys 1 or more
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         */
        public Builder<K> maxTrackedKeys(int maxTrackedKeys) {
            this.maxTrackedKeys = Arguments.requireAtLeast(maxTrackedKeys, 1, "maxTrackedKeys");
            return this;
        }

        /**
         * The most related keys kept per key, 0 or more; the oldest is dropped past it. Default
         * {@value PreloaderConfig#DEFAULT_MAX_RELATED_KEYS}.
         *
         * @param maxRelatedKeys 0 or more
         * @return this builder
         * @throws IllegalArgumentException if it is negative
         */
        public Builder<K> maxRelatedKeys(int maxRelatedKeys) {
            this.maxRelatedKeys = Arguments.requireNotNegative(maxRelatedKeys, "maxRelatedKeys");
            return this;
        }

        /**
         * The clock that dates accesses and scores them (replaces any {@link #ticker}); default
         * the system ticker.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder<K> clock(Clock clock) {
            Objects.requireNonNull(clock, "clock must not be null");
            this.ticker = () -> {
                Instant now = clock.instant();
                return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
            };
            return this;
        }

        /**
         * The time source, in nanoseconds, that dates accesses and scores them (replaces any
         * {@link #clock}); default {@link Ticker#systemTicker()}.
         *
         * @param ticker the ticker
         * @return this builder
         * @throws NullPointerException if it is null
         */
        public Builder<K> ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
            return this;
        }

        /**
         * Builds the tracker.
         *
         * @return a new, empty tracker
         */
        public AccessTracker<K> build() {
            return new AccessTracker<>(this);
        }
    }
}
