/**
 * The in-process {@link io.checkpointkit.memory.MemoryCheckpointStore}, opened with the URI
 * {@code memory:}. Exports its store and provider; the provider is declared for
 * {@link java.util.ServiceLoader}.
 */
module io.checkpointkit.memory {
    requires transitive io.checkpointkit;

    exports io.checkpointkit.memory;

    provides io.checkpointkit.CheckpointStoreProvider
            with io.checkpointkit.memory.MemoryCheckpointStoreProvider;
}
