package io.checkpointkit.redis;

import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.spi.StoreUri;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Opens connections: on the user's client (never shut down here) or on a client built and owned here. */
final class RedisClients {

    private static final int DEFAULT_PORT = 6379;

    private RedisClients() {
    }

    /** A standalone client owned by the store: fails fast while disconnected, reconnects within a second. */
    static RedisConnector ownedStandalone(StoreUri uri, int database, Duration timeout, Duration connectTimeout) {
        if (uri.hosts().size() != 1) {
            throw new IllegalArgumentException("a " + uri.scheme() + ": URI takes exactly one host, got "
                    + uri.hosts().size() + " in " + uri + "; use redis-cluster:// for several");
        }
        StoreUri.Host host = uri.hosts().get(0);
        RedisURI redisUri = redisUri(uri, host, timeout);
        redisUri.setDatabase(database);
        // Everything that can reject a setting is built before the resources (threads) exist.
        ClientOptions options = ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build();
        ClientResources resources = resources();
        RedisClient client = RedisClient.create(resources, redisUri);
        client.setOptions(options);
        Runnable release = () -> shutdown(client, resources);
        try {
            return standalone(client, timeout, host.toString(), release);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    /** A Cluster client owned by the store; follows topology changes (failovers) on its own. */
    static RedisConnector ownedCluster(StoreUri uri, Duration timeout, Duration connectTimeout) {
        if (uri.hosts().isEmpty()) {
            throw new IllegalArgumentException("a redis-cluster: URI needs at least one host: " + uri);
        }
        List<RedisURI> seeds = new ArrayList<>();
        for (StoreUri.Host host : uri.hosts()) {
            seeds.add(redisUri(uri, host, timeout));
        }
        // Commands wait (up to the timeout) while a node connection is opened or re-opened:
        // Cluster node connections open lazily, so rejecting them would fail a fresh store.
        // The options are built before the resources (threads) exist, as for standalone.
        ClusterClientOptions options = ClusterClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        // Adaptive triggers are deprecated in Lettuce 7; a short period finds a
                        // promoted replica within seconds of a failover.
                        .enablePeriodicRefresh(Duration.ofSeconds(5))
                        .build())
                .build();
        ClientResources resources = resources();
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(options);
        Runnable release = () -> {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        };
        try {
            return cluster(client, timeout, uri.hosts().toString(), release);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    static RedisConnector standalone(RedisClient client, Duration timeout, String target, Runnable release) {
        StatefulRedisConnection<byte[], byte[]> connection =
                connect(() -> client.connect(ByteArrayCodec.INSTANCE), "Redis", target);
        return new RedisConnector(connection, connection.async(), timeout, target, release);
    }

    static RedisConnector cluster(RedisClusterClient client, Duration timeout, String target, Runnable release) {
        StatefulRedisClusterConnection<byte[], byte[]> connection =
                connect(() -> client.connect(ByteArrayCodec.INSTANCE), "Redis Cluster", target);
        return new RedisConnector(connection, connection.async(), timeout, target, release);
    }

    /** Opens a connection; a failure becomes {@link CheckpointStoreUnavailableException} naming the target. */
    private static <C> C connect(Supplier<C> connect, String server, String target) {
        try {
            return connect.get();
        } catch (RedisException e) {
            throw new CheckpointStoreUnavailableException("cannot connect to " + server + " at " + target + ": "
                    + e.getMessage(), e);
        }
    }

    private static RedisURI redisUri(StoreUri uri, StoreUri.Host host, Duration timeout) {
        RedisURI.Builder b = RedisURI.builder()
                .withHost(host.host())
                .withPort(host.portOr(DEFAULT_PORT))
                .withSsl("rediss".equals(uri.scheme()))
                .withTimeout(timeout);
        if (uri.password().isPresent()) {
            if (uri.user().filter(u -> !u.isEmpty()).isPresent()) {
                b.withAuthentication(uri.user().get(), uri.password().get());
            } else {
                b.withPassword(uri.password().get());
            }
        }
        return b.build();
    }

    private static ClientResources resources() {
        return DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    private static void shutdown(RedisClient client, ClientResources resources) {
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
