package io.checkpointkit.redis;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreProvider;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.spi.StoreUri;

import java.util.Set;

/**
 * Opens {@link RedisCheckpointStore}s for {@code redis://}, {@code rediss://} (TLS) and
 * {@code redis-cluster://h1:p1,h2:p2} URIs, with the options {@code prefix}, {@code ttl},
 * {@code timeout}, {@code connectTimeout} and {@code database} (see the module README).
 * Registered for {@link java.util.ServiceLoader}.
 */
public final class RedisCheckpointStoreProvider implements CheckpointStoreProvider {

    static final Set<String> SCHEMES = Set.of("redis", "rediss", "redis-cluster");

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public RedisCheckpointStoreProvider() {
    }

    /** {@code redis}, {@code rediss} and {@code redis-cluster}. */
    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    /**
     * Opens a store that owns its Lettuce client.
     *
     * @throws IllegalArgumentException if the URI or an option is invalid or unknown
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached
     */
    @Override
    public CheckpointStore open(StoreUri uri) {
        return RedisCheckpointStore.fromUri(uri).build();
    }
}
