/**
 * The in-process backend, for tests and single-process applications: nothing survives
 * {@code close()} or the end of the process.
 *
 * <p>Entry points: {@link io.checkpointkit.memory.MemoryCheckpointStore}, made with
 * {@link io.checkpointkit.memory.MemoryCheckpointStore#create()}, or
 * through {@code CheckpointStores.open("memory:")}, which finds
 * {@link io.checkpointkit.memory.MemoryCheckpointStoreProvider}.
 */
package io.checkpointkit.memory;
