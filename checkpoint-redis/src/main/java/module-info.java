/**
 * The Redis {@link io.checkpointkit.redis.RedisCheckpointStore}, opened with URIs
 * {@code redis://…} and {@code redis-cluster://…}. Exports its store, builder and provider.
 *
 * <p>Lettuce has no module descriptor; it is required by the name in its manifest's
 * {@code Automatic-Module-Name}, {@code lettuce.core}.
 */
module io.checkpointkit.redis {
    requires transitive io.checkpointkit;
    // The builder takes the user's RedisClient or RedisClusterClient.
    requires transitive lettuce.core;
    requires org.slf4j;

    exports io.checkpointkit.redis;

    provides io.checkpointkit.CheckpointStoreProvider
            with io.checkpointkit.redis.RedisCheckpointStoreProvider;
}
