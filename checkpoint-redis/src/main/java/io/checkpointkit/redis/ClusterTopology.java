package io.checkpointkit.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redis Cluster, where a script reaches only the slot of its keys: a save is a claim of the
 * pointer (on the pointer's node), then the save script (on the execution's node); the
 * registry is a third step, taken only for a new execution. Pointers of removed ids are
 * released by one script per node ({@link IdPointers#releaseOnNode}), all in flight at once.
 */
final class ClusterTopology extends Topology {

    private static final int GENERATION_CACHE_SIZE = 100_000;

    /**
     * The pointer (generation + execution) of ids this store saved. An update of such an id
     * skips the claim round trip; the save script checks that the id is still held under that
     * generation (so the pointer still exists) and otherwise asks for a claim.
     */
    private final Map<String, byte[]> generations = new ConcurrentHashMap<>();

    ClusterTopology(RedisConnector redis, IdPointers pointers, SaveSteps steps) {
        super(redis, pointers, steps);
    }

    /** Claims the pointer (unless this store saved the id under a generation it remembers), then saves. */
    @Override
    OptionalLong trySave(SaveSteps.Write w) {
        String checkpointId = w.checkpoint.id();
        byte[] cached = generations.get(checkpointId);
        if (cached != null && Arrays.equals(ValueLayout.pointerExecution(cached), w.executionId)) {
            byte[] generation = ValueLayout.pointerGeneration(cached);
            ScriptReplies.SaveReply reply = steps.save(w, generation, true);
            if (!(reply instanceof ScriptReplies.Revoked) && !(reply instanceof ScriptReplies.NotHeld)) {
                return remember(w, generation, OptionalLong.of(steps.finish(w, reply)));
            }
            generations.remove(checkpointId);
        }
        // The data script must wait for the claim's reply (the pointer comes first), but it is
        // sent from the driver's thread as soon as that reply arrives, not after a round trip
        // through this thread.
        Claimed claimed = redis.await(pointers.tryClaim(w.id, w.executionId).thenCompose(generation ->
                generation == null
                        ? CompletableFuture.completedFuture(null)
                        : steps.sendSave(w, generation).thenApply(reply -> new Claimed(generation, reply))));
        if (claimed == null) {
            // Another execution's pointer: the takeover protocol.
            byte[] generation = pointers.claim(w.id, w.executionId);
            return remember(w, generation, steps.afterClaimedSave(w, generation, steps.save(w, generation, false)));
        }
        ScriptReplies.SaveReply reply = ScriptReplies.save(claimed.reply(), claimed.generation());
        return remember(w, claimed.generation(), steps.afterClaimedSave(w, claimed.generation(), reply));
    }

    /** A claimed generation and the save script's raw reply. */
    private record Claimed(byte[] generation, Object reply) {
    }

    private OptionalLong remember(SaveSteps.Write w, byte[] generation, OptionalLong version) {
        if (version.isPresent()) {
            if (generations.size() >= GENERATION_CACHE_SIZE) {
                generations.clear(); // crude bound; a miss only costs the claim round trip
            }
            generations.put(w.checkpoint.id(), ValueLayout.pointer(generation, w.executionId));
        }
        return version;
    }

    @Override
    void forget(String checkpointId) {
        generations.remove(checkpointId);
    }

    /**
     * The pointers live in many slots. One script per node releases that node's share (all
     * scripts in flight at once); a node that refuses (a slot moved, a stale topology) gets its
     * share released one pointer at a time.
     */
    @Override
    void releasePointers(byte[][] pointerKeys, byte[][] expected) {
        Map<String, List<Integer>> byNode = new HashMap<>();
        for (int i = 0; i < pointerKeys.length; i++) {
            byNode.computeIfAbsent(redis.nodeOf(pointerKeys[i]), n -> new ArrayList<>()).add(i);
        }
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (List<Integer> group : byNode.values()) {
            for (int from = 0; from < group.size(); from += IdPointers.RELEASE_CHUNK) {
                sent.add(pointers.releaseOnNode(pointerKeys, expected, group.subList(from,
                        Math.min(group.size(), from + IdPointers.RELEASE_CHUNK))));
            }
        }
        redis.awaitAll(sent);
    }
}
