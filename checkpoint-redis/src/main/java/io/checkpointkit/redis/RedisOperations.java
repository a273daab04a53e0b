package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.ExecutionPage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The operations of {@link RedisCheckpointStore} on validated arguments: one script per
 * operation on the execution's keys, plus the id pointer and registry steps around it
 * (see {@link IdPointers} and {@link ExecutionRegistry}).
 */
final class RedisOperations {

    /** How long a revoked pointer generation is remembered: far longer than any save is in flight. */
    static final Duration FENCE_RETENTION = Duration.ofHours(1);
    /** How many checkpoints a filtered list reads per script call. */
    private static final int SCAN_BATCH = 128;
    private static final int GENERATION_CACHE_SIZE = 100_000;
    private static final byte[] NONE = new byte[0];
    private static final byte[] ZERO = ascii("0");
    private static final byte[] ONE = ascii("1");

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final IdPointers pointers;
    private final ExecutionRegistry registry;
    private final boolean cluster;
    private final long pointerTtlMillis;
    private final byte[] ttl;
    private final byte[] pointerTtl;
    private final byte[] fenceExpiry;
    /**
     * Cluster only: the pointer (generation + execution) of ids this store saved. An update of
     * such an id skips the claim round trip; the save script checks that the id is still held
     * under that generation (so the pointer still exists) and otherwise asks for a claim.
     */
    private final Map<String, byte[]> generations = new ConcurrentHashMap<>();
    /** The clock of write times (epoch ms in each execution's "w" key). */
    private final Clock clock = Clock.systemUTC();

    private final Supplier<byte[]> newGenerations;

    /** {@code newGenerations} makes the fresh pointer generations ({@link IdPointers#newGeneration} but in tests). */
    RedisOperations(RedisConnector redis, String prefix, Duration ttl, boolean cluster, Supplier<byte[]> newGenerations) {
        this.redis = redis;
        this.newGenerations = newGenerations;
        this.keys = new RedisKeys(prefix);
        long ttlMillis = ttl == null ? 0 : ttl.toMillis();
        // A pointer outlives its data: refreshed at least every ttl/2, it lives 1.5 ttl (+1 s).
        this.pointerTtlMillis = ttlMillis == 0 ? 0 : ttlMillis + ttlMillis / 2 + 1_000;
        this.ttl = ascii(Long.toString(ttlMillis));
        this.pointerTtl = ascii(Long.toString(pointerTtlMillis));
        long fenceMillis = Math.max(FENCE_RETENTION.toMillis(), pointerTtlMillis);
        this.fenceExpiry = ascii(Long.toString(fenceMillis));
        this.pointers = new IdPointers(redis, keys, pointerTtlMillis, fenceMillis, cluster, newGenerations);
        this.registry = new ExecutionRegistry(redis, keys, ttlMillis);
        // On Cluster a script reaches only one slot: the pointer and registry are separate steps.
        this.cluster = cluster;
    }

    Checkpoint save(Checkpoint checkpoint) {
        Write w = new Write(checkpoint);
        Backoff backoff = new Backoff(redis.timeout());
        do {
            Long version = cluster ? saveOnCluster(w) : saveOnStandalone(w);
            if (version != null) {
                return checkpoint.toBuilder().version(version).build();
            }
        } while (backoff.pause());
        throw backoff.contended("the save of checkpoint '" + checkpoint.id() + "'", "its id pointer kept being"
                + " revoked by concurrent deletes or by saves of the id under other executions");
    }

    /** One script claims the pointer, saves and registers; null when it must be tried again. */
    private Long saveOnStandalone(Write w) {
        byte[][] keysOf = {w.keys.index(), w.keys.data(), w.keys.versions(), w.keys.fences(), w.keys.refresh(),
                w.keys.registered(), keys.pointer(w.id), registry.bucketKey(w.executionId), w.keys.written()};
        List<Object> reply = redis.run(LuaScript.CLAIM_SAVE, keysOf, w.id, w.timestamp, w.pinned,
                newGenerations.get(), w.expected, w.body, ttl, w.executionId, pointerTtl, now());
        long status = (Long) reply.get(0);
        if (status == 3) {
            return saveClaimed(w, pointers.claim(w.id, w.executionId)); // another execution's pointer
        }
        if (status == 0) {
            redis.await(pointers.release(w.id, IdPointers.pointer((byte[]) reply.get(1), w.executionId)));
            return null;
        }
        return finish(w, reply, null);
    }

    /** Claim the pointer (unless this store saved the id under a generation it remembers), then save. */
    private Long saveOnCluster(Write w) {
        byte[] cached = generations.get(w.checkpoint.id());
        if (cached != null && Arrays.equals(IdPointers.executionOf(cached), w.executionId)) {
            List<Object> reply = redis.run(LuaScript.SAVE, w.keys.all(), w.id, w.timestamp, w.pinned,
                    IdPointers.generationOf(cached), w.expected, w.body, ttl, ONE, now());
            long status = (Long) reply.get(0);
            if (status != 0 && status != 2) {
                return finish(w, reply, IdPointers.generationOf(cached));
            }
            generations.remove(w.checkpoint.id());
        }
        // The data script must wait for the claim's reply (the pointer comes first), but it is
        // sent from the driver's thread as soon as that reply arrives, not after a round trip
        // through this thread.
        Claimed claimed = redis.await(pointers.tryClaim(w.id, w.executionId).thenCompose(generation ->
                generation == null
                        ? CompletableFuture.completedFuture(null)
                        : redis.<List<Object>>runAsync(LuaScript.SAVE, w.keys.all(), w.id, w.timestamp, w.pinned,
                                generation, w.expected, w.body, ttl, ZERO, now())
                          .thenApply(reply -> new Claimed(generation, reply))));
        if (claimed == null) {
            return saveClaimed(w, pointers.claim(w.id, w.executionId)); // another execution's pointer
        }
        return afterClaimedSave(w, claimed.generation(), claimed.reply());
    }

    /** A claimed generation and the save script's reply. */
    private record Claimed(byte[] generation, List<Object> reply) {
    }

    private Long saveClaimed(Write w, byte[] generation) {
        List<Object> reply = redis.run(LuaScript.SAVE, w.keys.all(), w.id, w.timestamp, w.pinned,
                generation, w.expected, w.body, ttl, ZERO, now());
        return afterClaimedSave(w, generation, reply);
    }

    private Long afterClaimedSave(Write w, byte[] generation, List<Object> reply) {
        long status = (Long) reply.get(0);
        if (status == 0) {
            // Our generation was revoked between claim and write: nothing was written.
            redis.await(pointers.release(w.id, IdPointers.pointer(generation, w.executionId)));
            return null;
        }
        if (status < 0 && (Long) reply.get(1) == 0) {
            pointers.abandon(w.id, w.executionId, generation); // nothing stored: drop the new pointer
        }
        return finish(w, reply, generation);
    }

    private Long finish(Write w, List<Object> reply, byte[] generation) {
        long status = (Long) reply.get(0);
        if (status < 0) {
            long stored = (Long) reply.get(1);
            if (stored == 0) {
                throw CheckpointConflictException.notStored(w.checkpoint.id(), w.checkpoint.version());
            }
            throw CheckpointConflictException.versionMismatch(w.checkpoint.id(), w.checkpoint.version(), stored);
        }
        if ((Long) reply.get(2) == 1) {
            registry.register(w.executionId);
        }
        if (reply.size() > 3) {
            pointers.refresh((List<?>) reply.get(3), pointerTtlMillis);
        }
        if (generation != null) {
            remember(w.checkpoint.id(), IdPointers.pointer(generation, w.executionId));
        }
        return (Long) reply.get(1);
    }

    private void remember(String checkpointId, byte[] pointer) {
        if (generations.size() >= GENERATION_CACHE_SIZE) {
            generations.clear(); // crude bound; a miss only costs the claim round trip
        }
        generations.put(checkpointId, pointer);
    }

    /** The encoded arguments of one save. */
    private final class Write {
        final Checkpoint checkpoint;
        final byte[] executionId;
        final byte[] id;
        final RedisKeys.ExecutionKeys keys;
        final byte[] timestamp;
        final byte[] pinned;
        final byte[] expected;
        final byte[] body;

        Write(Checkpoint checkpoint) {
            this.checkpoint = checkpoint;
            this.executionId = utf8(checkpoint.executionId());
            this.id = utf8(checkpoint.id());
            this.keys = RedisOperations.this.keys.execution(executionId);
            this.timestamp = RedisKeys.sortableTimestamp(checkpoint.timestamp());
            this.pinned = checkpoint.pinned() ? ONE : ZERO;
            this.expected = ascii(Long.toString(checkpoint.version()));
            this.body = CheckpointBody.encode(checkpoint);
        }
    }

    Optional<Checkpoint> load(String checkpointId) {
        byte[] id = utf8(checkpointId);
        byte[] pointer = pointers.read(id);
        if (pointer == null) {
            return Optional.empty();
        }
        byte[] executionId = IdPointers.executionOf(pointer);
        RedisKeys.ExecutionKeys k = keys.execution(executionId);
        List<Object> reply = redis.run(LuaScript.LOAD, new byte[][] {k.versions(), k.data()}, id);
        if (reply.size() < 2 || reply.get(0) == null || reply.get(1) == null) {
            return Optional.empty(); // a dangling pointer reads as absent
        }
        return Optional.of(decode(checkpointId, RedisKeys.string(executionId), reply.get(0), reply.get(1)));
    }

    List<Checkpoint> list(String executionId, CheckpointQuery query) {
        RedisKeys.ExecutionKeys k = keys.execution(utf8(executionId));
        byte[] after = query.after().map(RedisOperations::utf8).orElse(NONE);
        byte[] before = query.before().map(RedisOperations::utf8).orElse(NONE);
        byte[] newestFirst = query.newestFirst() ? ONE : ZERO;
        int limit = query.limit().orElse(-1);
        if (query.metadata().isEmpty()) {
            List<Object> reply = redis.run(LuaScript.RANGE, k.forRead(), after, before, newestFirst,
                    ZERO, ascii(Integer.toString(limit)));
            return decodeAll(executionId, reply);
        }
        // The filter is applied here: each batch is read atomically, the scan is not a snapshot.
        List<Checkpoint> selected = new ArrayList<>();
        for (int offset = 0; ; offset += SCAN_BATCH) {
            List<Object> reply = redis.run(LuaScript.RANGE, k.forRead(), after, before, newestFirst,
                    ascii(Integer.toString(offset)), ascii(Integer.toString(SCAN_BATCH)));
            for (Checkpoint c : decodeAll(executionId, reply)) {
                if (query.matchesMetadata(c)) {
                    selected.add(c);
                    if (selected.size() == limit) {
                        return selected;
                    }
                }
            }
            if (reply.size() < 3 * SCAN_BATCH) {
                return selected;
            }
        }
    }

    Optional<Checkpoint> latest(String executionId) {
        List<Object> reply = redis.run(LuaScript.LATEST, keys.execution(utf8(executionId)).forRead());
        if (reply.size() < 3) {
            return Optional.empty();
        }
        return Optional.of(decode(RedisKeys.string((byte[]) reply.get(0)), executionId, reply.get(1), reply.get(2)));
    }

    boolean delete(String checkpointId) {
        byte[] id = utf8(checkpointId);
        byte[] pointer = pointers.read(id);
        if (pointer == null) {
            return false;
        }
        RedisKeys.ExecutionKeys k = keys.execution(IdPointers.executionOf(pointer));
        generations.remove(checkpointId);
        Long removed = redis.run(LuaScript.DELETE, k.forDelete(), id, IdPointers.generationOf(pointer), fenceExpiry,
                now());
        redis.await(pointers.release(id, pointer));
        return removed == 1L;
    }

    int clear(String executionId) {
        byte[] execution = utf8(executionId);
        registry.remove(execution);
        List<Object> removed = redis.run(LuaScript.CLEAR, keys.execution(execution).all(), fenceExpiry);
        forget(removed);
        return pointers.releaseAll(execution, removed);
    }

    /**
     * One script checks the execution's last write and clears it; the registry entry stays until
     * a page finds the execution empty (a save racing with this must not lose its entry).
     */
    int clearIfIdleSince(String executionId, Instant cutoff) {
        byte[] execution = utf8(executionId);
        long cutoffMillis;
        try {
            cutoffMillis = cutoff.toEpochMilli(); // rounded down: a write at that ms is not before it
        } catch (ArithmeticException e) {
            cutoffMillis = cutoff.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        List<Object> removed = redis.run(LuaScript.CLEAR_IF_IDLE, keys.execution(execution).all(), fenceExpiry,
                ascii(Long.toString(cutoffMillis)), now());
        if (removed.isEmpty()) {
            return 0;
        }
        forget(removed);
        return pointers.releaseAll(execution, removed);
    }

    /** The time of a write, as the scripts take it: epoch milliseconds. */
    private byte[] now() {
        return ascii(Long.toString(clock.millis()));
    }

    int trim(String executionId, int keepLatest) {
        byte[] execution = utf8(executionId);
        List<Object> removed = redis.run(LuaScript.TRIM, keys.execution(execution).forRemove(),
                ascii(Integer.toString(keepLatest)), fenceExpiry);
        forget(removed);
        return pointers.releaseAll(execution, removed);
    }

    ExecutionPage executions(String afterExecutionId, int limit) {
        return registry.page(afterExecutionId, limit);
    }

    private void forget(List<Object> idsAndGenerations) {
        for (int i = 0; i < idsAndGenerations.size(); i += 2) {
            generations.remove(RedisKeys.string((byte[]) idsAndGenerations.get(i)));
        }
    }

    private List<Checkpoint> decodeAll(String executionId, List<Object> reply) {
        List<Checkpoint> out = new ArrayList<>(reply.size() / 3);
        for (int i = 0; i + 2 < reply.size(); i += 3) {
            out.add(decode(RedisKeys.string((byte[]) reply.get(i)), executionId, reply.get(i + 1), reply.get(i + 2)));
        }
        return out;
    }

    private static Checkpoint decode(String id, String executionId, Object versionValue, Object body) {
        byte[] v = (byte[]) versionValue;
        long version;
        try {
            version = Long.parseLong(new String(v, 25, v.length - 25, StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            throw new CheckpointCorruptedException(id, "stored version cannot be decoded", e);
        }
        return CheckpointBody.decode(id, executionId, version, (byte[]) body);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
