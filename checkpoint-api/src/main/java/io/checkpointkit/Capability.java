package io.checkpointkit;

/**
 * Optional features a {@link CheckpointStore} may declare through
 * {@link CheckpointStore#capabilities()}. The TCK tests each declared capability.
 */
public enum Capability {
    /**
     * Checkpoints expire a configured time after their execution's last save. A store with this
     * capability may lose data on purpose; the TCK only checks it with the expiry configured
     * longer than a test runs.
     */
    TTL,
    /**
     * Data survives closing the store and opening it again on the same location (a file, a
     * database, a server). Stores that keep data only in memory do not declare it.
     */
    DURABLE
}
