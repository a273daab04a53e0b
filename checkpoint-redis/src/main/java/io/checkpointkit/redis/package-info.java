/**
 * The Redis backend, on standalone Redis or Redis Cluster through Lettuce, with no Redis modules:
 * each operation is one Lua script on the keys of one execution.
 *
 * <p>Entry points: {@link io.checkpointkit.redis.RedisCheckpointStore#builder} for code that owns
 * its Lettuce client or configures the store itself, and
 * {@link io.checkpointkit.redis.RedisCheckpointStoreProvider} behind
 * {@code CheckpointStores.open("redis://host:6379/0")} and {@code redis-cluster://…}.
 */
package io.checkpointkit.redis;
