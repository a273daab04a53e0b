package io.checkpointkit.redis;

import java.util.OptionalLong;

/**
 * What differs between standalone Redis and Redis Cluster, chosen once when the store is built
 * ({@link StandaloneTopology} or {@link ClusterTopology}); everything else runs the same scripts
 * on both, since all keys of an execution share one hash tag.
 *
 * <p>An id pointer lives in another slot than its execution's keys. On standalone one script
 * may touch keys of any slot, on Cluster it may not: so the two differ in how a save claims the
 * pointer (with the save, or as a step before it) and in how the pointers of removed ids are
 * released (one script, or one script per node).
 */
abstract sealed class Topology permits StandaloneTopology, ClusterTopology {

    final RedisConnector redis;
    final IdPointers pointers;
    final SaveSteps steps;

    Topology(RedisConnector redis, IdPointers pointers, SaveSteps steps) {
        this.redis = redis;
        this.pointers = pointers;
        this.steps = steps;
    }

    /**
     * One attempt at a save.
     *
     * @return the new version, or empty when the save's claim on its id was revoked before it
     *     wrote (nothing was written; the caller backs off and tries again)
     * @throws io.checkpointkit.CheckpointConflictException on a compare-and-set or ownership conflict
     */
    abstract OptionalLong trySave(SaveSteps.Write write);

    /** Drops what this store remembers of an id that was removed. */
    abstract void forget(String checkpointId);

    /**
     * Deletes each pointer that still has its expected value (its generation was revoked);
     * {@code expected[i]} belongs to {@code pointerKeys[i]}. Compare-and-delete, so a retry is
     * harmless.
     */
    abstract void releasePointers(byte[][] pointerKeys, byte[][] expected);

    /** Makes the topology of one store, over that store's connection and steps. */
    interface Factory {
        Topology create(RedisConnector redis, IdPointers pointers, SaveSteps steps);
    }
}
