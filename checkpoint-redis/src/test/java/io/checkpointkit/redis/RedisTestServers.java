package io.checkpointkit.redis;

import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the Redis tests share beyond the servers {@link TestServers} finds: one client on the
 * standalone server, Cluster clients, key prefixes and their cleanup.
 */
final class RedisTestServers {

    private static RedisClient sharedClient;
    private static RedisClusterClient sharedClusterClient;

    private RedisTestServers() {
    }

    static synchronized RedisClient sharedClient() {
        if (sharedClient == null) {
            sharedClient = RedisClient.create(RedisURI.create(TestServers.redis().replaceFirst("^redis-?s?:", "redis:")));
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
            TestData.deleteRedisKeys(c.sync(), prefix);
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
}
