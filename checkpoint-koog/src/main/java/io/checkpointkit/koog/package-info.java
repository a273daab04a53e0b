/**
 * Koog over any CheckpointKit store: the checkpoints of Koog's {@code Persistence} feature are
 * saved, listed and restored through a {@link io.checkpointkit.CheckpointStore}, whichever
 * backend it is.
 *
 * <p>Entry point: {@link io.checkpointkit.koog.CheckpointKitPersistenceProvider}, Koog's
 * {@code AsyncPersistenceStorageProvider}, made with {@code of(store)} or its builder.
 */
package io.checkpointkit.koog;
