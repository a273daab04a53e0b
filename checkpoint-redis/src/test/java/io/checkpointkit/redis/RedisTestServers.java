package io.checkpointkit.redis;

import io.checkpointkit.testsupport.LocalRedisCluster;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finds the Redis servers the tests use, in the documented order: the environment variable,
 * the default local port, Testcontainers when Docker works; otherwise the test fails naming the
 * three ways. The Cluster is started on loopback by the tests unless the variable names one.
 */
final class RedisTestServers {

    static final String REDIS_ENV = "CHECKPOINT_TEST_REDIS_URL";
    static final String CLUSTER_ENV = "CHECKPOINT_TEST_REDIS_CLUSTER_URL";

    private static String standaloneUri;
    private static GenericContainer<?> container;
    private static RedisClient sharedClient;
    private static RedisClusterClient sharedClusterClient;

    private RedisTestServers() {
    }

    static synchronized String standaloneUri() {
        if (standaloneUri != null) {
            return standaloneUri;
        }
        String env = System.getenv(REDIS_ENV);
        if (env != null && !env.isBlank()) {
            return standaloneUri = env;
        }
        if (listening("127.0.0.1", 6379)) {
            return standaloneUri = "redis://127.0.0.1:6379";
        }
        if (dockerAvailable()) {
            container = new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return standaloneUri = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }
        return fail("No Redis server for the tests. Provide one of: (1) the environment variable " + REDIS_ENV
                + " (e.g. redis://127.0.0.1:6379), (2) a Redis on the default local port 127.0.0.1:6379,"
                + " (3) a working Docker engine for Testcontainers.");
    }

    /** The Cluster: the environment variable, else a local one started by the tests (needs redis-server). */
    static String clusterUri(ExtensionContext context) {
        String env = System.getenv(CLUSTER_ENV);
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(LocalRedisCluster.class, k -> LocalRedisCluster.shared(),
                            LocalRedisCluster.class).uri();
        } catch (IllegalStateException e) {
            return fail("No Redis Cluster for the tests. Provide one of: (1) the environment variable " + CLUSTER_ENV
                    + " (e.g. redis-cluster://127.0.0.1:7000,127.0.0.1:7001), (2) redis-server and redis-cli on"
                    + " the PATH so the tests start one on loopback, (3) a working Docker engine. Cause: "
                    + e.getMessage(), e);
        }
    }

    static synchronized RedisClient sharedClient() {
        if (sharedClient == null) {
            sharedClient = RedisClient.create(RedisURI.create(standaloneUri().replaceFirst("^redis-?s?:", "redis:")));
            sharedClient.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
            RedisClient c = sharedClient;
            Runtime.getRuntime().addShutdownHook(new Thread(c::shutdown));
        }
        return sharedClient;
    }

    /** A new client on a Cluster URI; the caller shuts it down. */
    static RedisClusterClient sharedClusterClientFor(String clusterUri) {
        List<RedisURI> seeds = new ArrayList<>();
        for (String hostPort : clusterUri.substring("redis-cluster://".length()).split("[?]")[0].split(",")) {
            int colon = hostPort.lastIndexOf(':');
            seeds.add(RedisURI.create(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
        }
        return RedisClusterClient.create(seeds);
    }

    static synchronized RedisClusterClient sharedClusterClient(String clusterUri) {
        if (sharedClusterClient == null) {
            sharedClusterClient = sharedClusterClientFor(clusterUri);
            RedisClusterClient c = sharedClusterClient;
            Runtime.getRuntime().addShutdownHook(new Thread(c::shutdown));
        }
        return sharedClusterClient;
    }

    static String newPrefix() {
        return "ckpt-test-" + UUID.randomUUID();
    }

    /** Removes every key under a test's prefix from the shared server (only those: never FLUSHDB). */
    static void deleteKeys(String prefix) {
        try (StatefulRedisConnection<byte[], byte[]> c = sharedClient().connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> sync = c.sync();
            ScanArgs match = new ScanArgs().match((prefix + ":*").getBytes(StandardCharsets.UTF_8)).limit(1000);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<byte[]> page = sync.scan(cursor, match);
                if (!page.getKeys().isEmpty()) {
                    sync.unlink(page.getKeys().toArray(new byte[0][]));
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
    }

    /** The expiry in ms (-1: none) of every key matching a glob, on the shared server or the whole Cluster. */
    static java.util.Map<String, Long> pttls(String glob, RedisClusterClient cluster) {
        if (cluster == null) {
            try (StatefulRedisConnection<byte[], byte[]> c = sharedClient().connect(ByteArrayCodec.INSTANCE)) {
                return pttls(c.sync(), glob);
            }
        }
        try (StatefulRedisClusterConnection<byte[], byte[]> c = cluster.connect(ByteArrayCodec.INSTANCE)) {
            return pttls(c.sync(), glob); // a Cluster SCAN walks every master
        }
    }

    private static java.util.Map<String, Long> pttls(
            io.lettuce.core.cluster.api.sync.RedisClusterCommands<byte[], byte[]> sync, String glob) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        ScanArgs match = new ScanArgs().match(glob.getBytes(StandardCharsets.UTF_8)).limit(1000);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<byte[]> page = sync.scan(cursor, match);
            for (byte[] key : page.getKeys()) {
                out.put(new String(key, StandardCharsets.UTF_8), sync.pttl(key));
            }
            cursor = page;
        } while (!cursor.isFinished());
        return out;
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
