package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The steps of a save that standalone Redis and Redis Cluster share: the encoded arguments, the
 * save scripts, and what follows a reply (the conflict, the registry, the pointer refresh). The
 * {@link Topology} puts them in order.
 */
final class SaveSteps {

    private static final byte[] ZERO = {'0'};
    private static final byte[] ONE = {'1'};

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final IdPointers pointers;
    private final ExecutionRegistry registry;
    private final byte[] ttl;
    private final byte[] pointerTtl;
    private final long pointerTtlMillis;
    private final Supplier<byte[]> newGenerations;
    private final Supplier<byte[]> writeTime;

    /**
     * @param newGenerations fresh pointer generations ({@link IdPointers#newGeneration} but in tests)
     * @param writeTime the time of a write, as the scripts take it (epoch ms, decimal)
     */
    SaveSteps(RedisConnector redis, RedisKeys keys, IdPointers pointers, ExecutionRegistry registry, long ttlMillis,
              long pointerTtlMillis, Supplier<byte[]> newGenerations, Supplier<byte[]> writeTime) {
        this.redis = redis;
        this.keys = keys;
        this.pointers = pointers;
        this.registry = registry;
        this.ttl = ascii(Long.toString(ttlMillis));
        this.pointerTtl = ascii(Long.toString(pointerTtlMillis));
        this.pointerTtlMillis = pointerTtlMillis;
        this.newGenerations = newGenerations;
        this.writeTime = writeTime;
    }

    Write write(Checkpoint checkpoint) {
        return new Write(checkpoint);
    }

    /** The encoded arguments of one save. */
    final class Write {
        final Checkpoint checkpoint;
        final byte[] executionId;
        final byte[] id;
        final RedisKeys.ExecutionKeys keys;
        final byte[] timestamp;
        final byte[] pinned;
        final byte[] expected;
        final byte[] body;

        private Write(Checkpoint checkpoint) {
            this.checkpoint = checkpoint;
            this.executionId = RedisKeys.utf8(checkpoint.executionId());
            this.id = RedisKeys.utf8(checkpoint.id());
            this.keys = SaveSteps.this.keys.execution(executionId);
            this.timestamp = RedisKeys.sortableTimestamp(checkpoint.timestamp());
            this.pinned = new byte[] {checkpoint.pinned() ? ValueLayout.PINNED : ValueLayout.NOT_PINNED};
            this.expected = ascii(Long.toString(checkpoint.version()));
            this.body = CheckpointBody.encode(checkpoint);
        }
    }

    /** Standalone: claims the pointer, saves and registers in one script ({@code claim_save.lua}). */
    ScriptReplies.SaveReply claimAndSave(Write w) {
        byte[][] keysOf = {w.keys.index(), w.keys.data(), w.keys.versions(), w.keys.fences(), w.keys.refresh(),
                w.keys.registered(), keys.pointer(w.id), registry.bucketKey(w.executionId), w.keys.written()};
        return ScriptReplies.claimSave(redis.run(LuaScript.CLAIM_SAVE, keysOf, w.id, w.timestamp, w.pinned,
                newGenerations.get(), w.expected, w.body, ttl, w.executionId, pointerTtl, writeTime.get()));
    }

    /**
     * Saves under a claimed generation ({@code save.lua}). With {@code requireHeld} the script
     * also checks that the id is held under that generation (a remembered one), else it replies
     * {@link ScriptReplies.NotHeld}.
     */
    ScriptReplies.SaveReply save(Write w, byte[] generation, boolean requireHeld) {
        return ScriptReplies.save(redis.run(LuaScript.SAVE, w.keys.all(), w.id, w.timestamp, w.pinned,
                generation, w.expected, w.body, ttl, requireHeld ? ONE : ZERO, writeTime.get()), generation);
    }

    /**
     * {@link #save} of a freshly claimed generation, sent without waiting; completes with the raw
     * reply, for {@link ScriptReplies#save}.
     */
    CompletableFuture<Object> sendSave(Write w, byte[] generation) {
        return redis.runAsync(LuaScript.SAVE, w.keys.all(), w.id, w.timestamp, w.pinned,
                generation, w.expected, w.body, ttl, ZERO, writeTime.get());
    }

    /** Claims the pointer (settling a takeover), then saves; see {@link #afterClaimedSave}. */
    OptionalLong claimThenSave(Write w) {
        byte[] generation = pointers.claim(w.id, w.executionId);
        return afterClaimedSave(w, generation, save(w, generation, false));
    }

    /**
     * What follows the save of a claimed generation: empty when the generation was revoked
     * meanwhile (nothing was written; the pointer is released and the caller tries again), else
     * as {@link #finish}. A conflict on an id that is not stored drops the pointer just claimed.
     */
    OptionalLong afterClaimedSave(Write w, byte[] generation, ScriptReplies.SaveReply reply) {
        if (reply instanceof ScriptReplies.Revoked) {
            redis.await(pointers.release(w.id, ValueLayout.pointer(generation, w.executionId)));
            return OptionalLong.empty();
        }
        if (reply instanceof ScriptReplies.Conflict conflict && conflict.storedVersion() == 0) {
            pointers.abandon(w.id, w.executionId, generation); // nothing stored: drop the new pointer
        }
        return OptionalLong.of(finish(w, reply));
    }

    /**
     * The new version of a written checkpoint, after registering its execution and refreshing
     * its pointers when the script asked for it.
     *
     * @throws CheckpointConflictException if the reply is a compare-and-set conflict
     */
    long finish(Write w, ScriptReplies.SaveReply reply) {
        if (reply instanceof ScriptReplies.Conflict conflict) {
            long stored = conflict.storedVersion();
            if (stored == 0) {
                throw CheckpointConflictException.notStored(w.checkpoint.id(), w.checkpoint.version());
            }
            throw CheckpointConflictException.versionMismatch(w.checkpoint.id(), w.checkpoint.version(), stored);
        }
        if (!(reply instanceof ScriptReplies.Saved saved)) {
            throw new IllegalStateException("a save that was neither written nor refused: " + reply);
        }
        if (saved.unregistered()) {
            registry.register(w.executionId);
        }
        if (!saved.idsToRefresh().isEmpty()) {
            pointers.refresh(saved.idsToRefresh(), pointerTtlMillis);
        }
        return saved.version();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
