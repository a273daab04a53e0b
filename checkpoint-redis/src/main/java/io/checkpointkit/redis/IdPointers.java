package io.checkpointkit.redis;

import io.checkpointkit.CheckpointConflictException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

    static final int GENERATION_LENGTH = 16;
    private static final byte[] DELETE = new byte[0];
    private static final int RELEASE_CHUNK = 1000;

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final byte[] expiry;
    private final byte[] fenceExpiry;

    private final boolean cluster;
    private final Supplier<byte[]> generations;

    IdPointers(RedisConnector redis, RedisKeys keys, long pointerTtlMillis, long fenceTtlMillis, boolean cluster) {
        this(redis, keys, pointerTtlMillis, fenceTtlMillis, cluster, IdPointers::newGeneration);
    }

    /** {@code generations} makes the fresh generations of claims ({@link #newGeneration} but in tests). */
    IdPointers(RedisConnector redis, RedisKeys keys, long pointerTtlMillis, long fenceTtlMillis, boolean cluster,
               Supplier<byte[]> generations) {
        this.redis = redis;
        this.generations = generations;
        this.cluster = cluster;
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
        byte[] mine = pointer(generations.get(), executionId);
        CompletableFuture<byte[]> sent = redis.runAsync(LuaScript.CLAIM, new byte[][] {keys.pointer(checkpointId)},
                mine, executionId, expiry);
        return sent.thenApply(current -> Arrays.equals(executionOf(current), executionId) ? generationOf(current) : null);
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
            byte[] mine = pointer(generations.get(), executionId);
            byte[] current = redis.run(LuaScript.CLAIM, new byte[][] {pointerKey}, mine, executionId, expiry);
            byte[] owner = executionOf(current);
            if (Arrays.equals(owner, executionId)) {
                return generationOf(current);
            }
            RedisKeys.ExecutionKeys ownerKeys = keys.execution(owner);
            Long held = redis.run(LuaScript.FENCE, new byte[][] {ownerKeys.versions(), ownerKeys.fences()},
                    checkpointId, generationOf(current), fenceExpiry);
            if (held == 1L) {
                throw CheckpointConflictException.ownedByAnotherExecution(RedisKeys.string(checkpointId),
                        RedisKeys.string(executionId), RedisKeys.string(owner));
            }
            Long swapped = redis.run(LuaScript.SWAP, new byte[][] {pointerKey}, current, mine, expiry);
            if (swapped == 1L) {
                return generationOf(mine);
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
        RedisKeys.ExecutionKeys k = keys.execution(executionId);
        Long held = redis.run(LuaScript.FENCE, new byte[][] {k.versions(), k.fences()},
                checkpointId, generation, fenceExpiry);
        if (held == 0L) {
            redis.await(release(checkpointId, pointer(generation, executionId)));
        }
    }

    /** Removes a pointer if it still has the given value (its generation was revoked). */
    CompletableFuture<Long> release(byte[] checkpointId, byte[] expectedPointer) {
        return redis.runAsync(LuaScript.SWAP, new byte[][] {keys.pointer(checkpointId)},
                expectedPointer, DELETE, expiry);
    }

    /**
     * Releases the pointers of the ids a script removed, given as {id, generation, ...}: one
     * script on standalone, one script per node on Cluster (sent in parallel).
     */
    int releaseAll(byte[] executionId, List<?> idsAndGenerations) {
        int count = idsAndGenerations.size() / 2;
        if (count == 0) {
            return 0;
        }
        byte[][] pointerKeys = new byte[count][];
        byte[][] expected = new byte[count][];
        for (int i = 0; i < count; i++) {
            pointerKeys[i] = keys.pointer((byte[]) idsAndGenerations.get(2 * i));
            expected[i] = pointer((byte[]) idsAndGenerations.get(2 * i + 1), executionId);
        }
        if (!cluster) {
            for (int from = 0; from < count; from += RELEASE_CHUNK) {
                int to = Math.min(count, from + RELEASE_CHUNK);
                redis.run(LuaScript.RELEASE_ALL, Arrays.copyOfRange(pointerKeys, from, to),
                        Arrays.copyOfRange(expected, from, to));
            }
            return count;
        }
        // Cluster: the pointers live in many slots. One script per node releases that node's
        // share (all scripts in flight at once); a node that refuses (a slot moved, a stale
        // topology) gets its share released one pointer at a time.
        Map<String, List<Integer>> byNode = new HashMap<>();
        for (int i = 0; i < count; i++) {
            byNode.computeIfAbsent(redis.nodeOf(pointerKeys[i]), n -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (List<Integer> group : byNode.values()) {
            for (int from = 0; from < group.size(); from += RELEASE_CHUNK) {
                sent.add(releaseOnNode(pointerKeys, expected, group.subList(from,
                        Math.min(group.size(), from + RELEASE_CHUNK))));
            }
        }
        redis.awaitAll(sent);
        return count;
    }

    /** Releases the pointers {@code group} indexes by one script on their node, else one by one. */
    CompletableFuture<?> releaseOnNode(byte[][] pointerKeys, byte[][] expected, List<Integer> group) {
        int first = group.get(0);
        byte[][] args = new byte[2 * group.size() - 1][];
        args[0] = expected[first];
        for (int j = 1; j < group.size(); j++) {
            args[2 * j - 1] = pointerKeys[group.get(j)];
            args[2 * j] = expected[group.get(j)];
        }
        CompletableFuture<Long> grouped = redis.runAsync(LuaScript.RELEASE_NODE, new byte[][] {pointerKeys[first]}, args);
        return grouped.exceptionallyCompose(e -> {
            // Compare-and-delete is idempotent: pointers the failed script already removed are
            // simply not found again.
            List<CompletableFuture<Long>> one = new ArrayList<>();
            for (int i : group) {
                one.add(redis.runAsync(LuaScript.SWAP, new byte[][] {pointerKeys[i]}, expected[i], DELETE, expiry));
            }
            return CompletableFuture.allOf(one.toArray(CompletableFuture[]::new)).thenApply(done -> 0L);
        });
    }

    /** Extends the expiry of the pointers of the given ids (TTL only). */
    void refresh(List<?> checkpointIds, long pointerTtlMillis) {
        List<CompletableFuture<Boolean>> sent = new ArrayList<>();
        for (Object id : checkpointIds) {
            sent.add(redis.commands().pexpire(keys.pointer((byte[]) id), pointerTtlMillis).toCompletableFuture());
        }
        redis.awaitAll(sent);
    }

    static byte[] pointer(byte[] generation, byte[] executionId) {
        byte[] p = Arrays.copyOf(generation, GENERATION_LENGTH + executionId.length);
        System.arraycopy(executionId, 0, p, GENERATION_LENGTH, executionId.length);
        return p;
    }

    static byte[] generationOf(byte[] pointer) {
        return Arrays.copyOf(pointer, GENERATION_LENGTH);
    }

    static byte[] executionOf(byte[] pointer) {
        return Arrays.copyOfRange(pointer, GENERATION_LENGTH, pointer.length);
    }

    static byte[] newGeneration() {
        return ascii(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
