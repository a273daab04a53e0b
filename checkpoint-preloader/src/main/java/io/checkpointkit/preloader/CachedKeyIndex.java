package io.checkpointkit.preloader;

import io.checkpointkit.Checkpoint;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Which cached entries hold which checkpoints, so that {@code delete}, {@code clear} and
 * {@code trim} invalidate the entries of one checkpoint or one execution, O(its entries), instead
 * of scanning the whole cache; and the sequence numbers that keep a read in flight from caching
 * what such a write removed.
 *
 * <ul>
 *   <li>{@code checkpointsByExecution}: execution id → ids of the cached {@code load} results
 *       (present ones) in that execution;
 *   <li>{@code latestByCheckpoint}: checkpoint id → ids of the executions whose cached
 *       {@code latest} is that checkpoint.
 * </ul>
 * {@link ReadCache} keeps both exact under the cache's per-key {@code compute}: an entry is added
 * when it is cached and removed when it is replaced, removed, evicted or expires.
 *
 * <p><b>Reads in flight.</b> A write that removes the entries of an execution (or of a checkpoint
 * id) takes a new number from a global sequence and records it on the execution's (or id's)
 * stripe, <em>then</em> takes the index set. A reader takes the sequence before it reads the store;
 * to cache a result it first adds the entry to the index, <em>then</em> checks that the stripes of
 * the result's execution and id carry no later number. The set is taken and the entry added under
 * the index map's per-key lock, so either the writer's set holds the entry (and the writer then
 * removes it, after the reader's {@code compute} on the key), or the reader's check comes after the
 * writer's number (and the reader drops its result). Stripes shared by unrelated executions cost
 * an occasional dropped result (one extra miss), never a stale one.
 */
final class CachedKeyIndex {

    private static final int STRIPES = 4096;

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLongArray executionWrites = new AtomicLongArray(STRIPES);
    private final AtomicLongArray checkpointDeletes = new AtomicLongArray(STRIPES);
    private final ConcurrentHashMap<String, Set<String>> checkpointsByExecution = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> latestByCheckpoint = new ConcurrentHashMap<>();

    /** The sequence now: take it before reading the store, pass it to {@link #unchangedSince}. */
    long sequence() {
        return sequence.get();
    }

    /** Indexes a cached entry (nothing for an absent result). Call under the key's compute. */
    void add(CacheKey key, CachedResult entry) {
        edit(key, entry, CachedKeyIndex::link);
    }

    /** Forgets a cached entry that was replaced, removed, evicted or expired. */
    void remove(CacheKey key, CachedResult entry) {
        edit(key, entry, CachedKeyIndex::unlink);
    }

    /**
     * Applies {@code edit} to the index entry of a cached result: an entry by checkpoint id is
     * indexed under its execution, a latest under its checkpoint's id. Absent results have none.
     */
    private void edit(CacheKey key, CachedResult entry, Edit edit) {
        if (entry == null || entry.value().isEmpty()) {
            return;
        }
        Checkpoint checkpoint = entry.value().get();
        if (key.kind() == CacheKey.Kind.CHECKPOINT) {
            edit.apply(checkpointsByExecution, checkpoint.executionId(), key.id());
        } else {
            edit.apply(latestByCheckpoint, checkpoint.id(), key.id());
        }
    }

    /** {@link #link} or {@link #unlink}. */
    @FunctionalInterface
    private interface Edit {
        void apply(ConcurrentHashMap<String, Set<String>> map, String from, String to);
    }

    /**
     * Whether no {@link #takeCheckpointsOf} of the entry's execution and no
     * {@link #takeExecutionsWhoseLatestIs} of its checkpoint came after {@code since} (nor one of
     * an execution or id on the same stripe). Absent results are always unchanged here: the writes
     * that name their key guard them.
     */
    boolean unchangedSince(CacheKey key, CachedResult entry, long since) {
        if (entry == null || entry.value().isEmpty()) {
            return true;
        }
        Checkpoint checkpoint = entry.value().get();
        return executionWrites.get(stripe(checkpoint.executionId())) <= since
                && checkpointDeletes.get(stripe(checkpoint.id())) <= since;
    }

    /**
     * After checkpoints of an execution were removed from the store: marks the execution, then
     * takes the ids of its cached checkpoints (the caller removes their entries).
     */
    Set<String> takeCheckpointsOf(String executionId) {
        executionWrites.accumulateAndGet(stripe(executionId), sequence.incrementAndGet(), Math::max);
        Set<String> ids = checkpointsByExecution.remove(executionId);
        return ids == null ? Set.of() : ids;
    }

    /**
     * After a checkpoint was deleted from the store: marks the id, then takes the executions whose
     * cached latest it is (the caller removes those entries).
     */
    Set<String> takeExecutionsWhoseLatestIs(String checkpointId) {
        checkpointDeletes.accumulateAndGet(stripe(checkpointId), sequence.incrementAndGet(), Math::max);
        Set<String> executionIds = latestByCheckpoint.remove(checkpointId);
        return executionIds == null ? Set.of() : executionIds;
    }

    /** Forgets everything (the cache was emptied). */
    void clear() {
        checkpointsByExecution.clear();
        latestByCheckpoint.clear();
    }

    /** Index entries now, both maps together (tests). */
    int size() {
        int size = 0;
        for (Set<String> ids : checkpointsByExecution.values()) {
            size += ids.size();
        }
        for (Set<String> ids : latestByCheckpoint.values()) {
            size += ids.size();
        }
        return size;
    }

    private static void link(ConcurrentHashMap<String, Set<String>> map, String from, String to) {
        map.compute(from, (k, set) -> {
            Set<String> linked = set == null ? new HashSet<>(2) : set;
            linked.add(to);
            return linked;
        });
    }

    private static void unlink(ConcurrentHashMap<String, Set<String>> map, String from, String to) {
        map.computeIfPresent(from, (k, set) -> {
            set.remove(to);
            return set.isEmpty() ? null : set;
        });
    }

    private static int stripe(String id) {
        int h = id.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }
}
