package io.checkpointkit.redis;

import io.checkpointkit.CheckpointConflictException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The id pointers ({@code prefix:id:{I}} = generation + execution id), which let {@code load}
 * and {@code delete} find an id's execution. A pointer lives in another hash slot than the
 * execution's keys, so no script can change both; the protocol that keeps them consistent:
 *
 * <ol>
 *   <li>A save first claims the pointer: creates it with a fresh random generation, or reuses
 *       the generation of a pointer that already names its execution. Its data script then
 *       carries that generation and refuses to write when the execution has revoked (fenced)
 *       it.
 *   <li>A pointer is removed or replaced only after the execution it names has revoked its
 *       generation, in a script that at the same time checks the execution does not hold the
 *       id (a takeover of a dangling pointer) or removes the id (delete, trim, clear).
 *   <li>So a data write either lands before the revocation, and the check sees it (the
 *       takeover fails with a conflict, the removal removes it), or after it, and is refused
 *       (the saver claims again). An id is never held by two executions, and a pointer whose
 *       execution does not hold the id (a save interrupted between its two steps) is treated
 *       as absent and repaired by the next save or delete of the id.
 * </ol>
 */
final class IdPointers {

    /** How many pointers one release script takes at most. */
    static final int RELEASE_CHUNK = 1000;
    private static final byte[] DELETE = new byte[0];

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final byte[] expiry;
    private final byte[] fenceExpiry;
    private final Supplier<byte[]> generations;

    IdPointers(RedisConnector redis, RedisKeys keys, long pointerTtlMillis, long fenceTtlMillis) {
        this(redis, keys, pointerTtlMillis, fenceTtlMillis, IdPointers::newGeneration);
    }

    /** {@code generations} makes the fresh generations of claims ({@link #newGeneration} but in tests). */
    IdPointers(RedisConnector redis, RedisKeys keys, long pointerTtlMillis, long fenceTtlMillis,
               Supplier<byte[]> generations) {
        this.redis = redis;
        this.generations = generations;
        this.keys = keys;
        this.expiry = ascii(Long.toString(pointerTtlMillis));
        this.fenceExpiry = ascii(Long.toString(fenceTtlMillis));
    }

    /** The pointer of an id, or null. */
    byte[] read(byte[] checkpointId) {
        return redis.await(redis.commands().get(keys.pointer(checkpointId)));
    }

    /**
     * The common case of {@link #claim}, sent without waiting: completes with the generation
     * the data script must carry when the pointer was absent or already names
     * {@code executionId}, or with null when it names another execution (then call
     * {@link #claim}, which settles the takeover). Completes on the driver's thread, so the
     * caller can send the data script from there without a thread switch.
     */
    CompletableFuture<byte[]> tryClaim(byte[] checkpointId, byte[] executionId) {
        byte[] mine = ValueLayout.pointer(generations.get(), executionId);
        CompletableFuture<Object> sent = redis.runAsync(LuaScript.CLAIM, new byte[][] {keys.pointer(checkpointId)},
                mine, executionId, expiry);
        return sent.thenApply(reply -> {
            byte[] current = ScriptReplies.pointer(LuaScript.CLAIM, reply);
            return Arrays.equals(ValueLayout.pointerExecution(current), executionId)
                    ? ValueLayout.pointerGeneration(current) : null;
        });
    }

    /**
     * Makes the pointer of {@code checkpointId} name {@code executionId} and returns the
     * generation the data script must carry.
     *
     * @throws CheckpointConflictException if another execution holds the id, or if other saves
     *     kept changing the pointer until the timeout
     */
    byte[] claim(byte[] checkpointId, byte[] executionId) {
        byte[] pointerKey = keys.pointer(checkpointId);
        Backoff backoff = new Backoff(redis.timeout());
        do {
            byte[] mine = ValueLayout.pointer(generations.get(), executionId);
            byte[] current = ScriptReplies.pointer(LuaScript.CLAIM,
                    redis.run(LuaScript.CLAIM, new byte[][] {pointerKey}, mine, executionId, expiry));
            byte[] owner = ValueLayout.pointerExecution(current);
            if (Arrays.equals(owner, executionId)) {
                return ValueLayout.pointerGeneration(current);
            }
            if (holdsOrFences(owner, checkpointId, ValueLayout.pointerGeneration(current))) {
                throw CheckpointConflictException.ownedByAnotherExecution(RedisKeys.string(checkpointId),
                        RedisKeys.string(executionId), RedisKeys.string(owner));
            }
            boolean swapped = ScriptReplies.flag(LuaScript.SWAP,
                    redis.run(LuaScript.SWAP, new byte[][] {pointerKey}, current, mine, expiry));
            if (swapped) {
                return ValueLayout.pointerGeneration(mine);
            }
        } while (backoff.pause());
        throw backoff.contended("the claim of checkpoint id '" + RedisKeys.string(checkpointId) + "'",
                "other saves kept changing its id pointer");
    }

    /**
     * Revokes a generation this save claimed but did not use (nothing was written) and removes
     * its pointer, unless the execution holds the id after all.
     */
    void abandon(byte[] checkpointId, byte[] executionId, byte[] generation) {
        if (!holdsOrFences(executionId, checkpointId, generation)) {
            redis.await(release(checkpointId, ValueLayout.pointer(generation, executionId)));
        }
    }

    /** True when the execution holds the id; otherwise it revokes the generation ({@code fence.lua}). */
    private boolean holdsOrFences(byte[] executionId, byte[] checkpointId, byte[] generation) {
        RedisKeys.ExecutionKeys k = keys.execution(executionId);
        return ScriptReplies.flag(LuaScript.FENCE, redis.run(LuaScript.FENCE, new byte[][] {k.versions(), k.fences()},
                checkpointId, generation, fenceExpiry));
    }

    /** Removes a pointer if it still has the given value (its generation was revoked). */
    CompletableFuture<Object> release(byte[] checkpointId, byte[] expectedPointer) {
        return redis.runAsync(LuaScript.SWAP, new byte[][] {keys.pointer(checkpointId)},
                expectedPointer, DELETE, expiry);
    }

    /**
     * Cluster: releases the pointers {@code group} indexes, which one node serves, by one script
     * on that node ({@code release_node.lua}), else one by one.
     */
    CompletableFuture<?> releaseOnNode(byte[][] pointerKeys, byte[][] expected, List<Integer> group) {
        int first = group.get(0);
        byte[][] args = new byte[2 * group.size() - 1][];
        args[0] = expected[first];
        for (int j = 1; j < group.size(); j++) {
            args[2 * j - 1] = pointerKeys[group.get(j)];
            args[2 * j] = expected[group.get(j)];
        }
        CompletableFuture<Object> grouped = redis.runAsync(LuaScript.RELEASE_NODE, new byte[][] {pointerKeys[first]},
                args);
        return grouped.exceptionallyCompose(e -> {
            // Compare-and-delete is idempotent: pointers the failed script already removed are
            // simply not found again.
            List<CompletableFuture<Object>> one = new ArrayList<>();
            for (int i : group) {
                one.add(redis.runAsync(LuaScript.SWAP, new byte[][] {pointerKeys[i]}, expected[i], DELETE, expiry));
            }
            return CompletableFuture.allOf(one.toArray(CompletableFuture[]::new)).thenApply(done -> 0L);
        });
    }

    /** Extends the expiry of the pointers of the given ids (TTL only). */
    void refresh(List<byte[]> checkpointIds, long pointerTtlMillis) {
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (byte[] id : checkpointIds) {
            sent.add(redis.commands().pexpire(keys.pointer(id), pointerTtlMillis).toCompletableFuture());
        }
        redis.awaitAll(sent);
    }

    static byte[] newGeneration() {
        return ascii(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
