package io.checkpointkit.memory;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreProvider;
import io.checkpointkit.spi.StoreUri;

import java.util.Objects;
import java.util.Set;

/**
 * Opens {@link MemoryCheckpointStore}s for the URI {@code memory:}. Each call opens a new, empty
 * store: two stores opened with {@code memory:} share nothing. The URI takes no path, host or
 * option. Found by {@link java.util.ServiceLoader}; users call
 * {@link io.checkpointkit.CheckpointStores#open(String)}.
 */
public final class MemoryCheckpointStoreProvider implements CheckpointStoreProvider {

    /** The scheme this provider opens. */
    public static final String SCHEME = "memory";

    /** Used by {@link java.util.ServiceLoader}. */
    public MemoryCheckpointStoreProvider() {
    }

    /** {@code memory}. */
    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    /**
     * Opens a new, empty store.
     *
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if the scheme is not {@code memory}, or the URI has a
     *     path, a host or an option (a name would suggest that two stores share data; they do not)
     */
    @Override
    public CheckpointStore open(StoreUri uri) {
        Objects.requireNonNull(uri, "uri must not be null");
        if (!SCHEME.equals(uri.scheme())) {
            throw new IllegalArgumentException("scheme must be " + SCHEME + ", was " + uri.scheme());
        }
        uri.requireKnownOptions(Set.of());
        if (!uri.path().isEmpty() || !uri.hosts().isEmpty() || uri.user().isPresent()) {
            throw new IllegalArgumentException("a memory: store URI takes no path or host, was '" + uri
                    + "'; every memory: store is new and shares nothing, so write just memory:");
        }
        return MemoryCheckpointStore.create();
    }
}
