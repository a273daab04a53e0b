package io.checkpointkit.testsupport;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what a test wrote to the shared servers {@link TestServers} found, and only that: the
 * tables of a random table name, the keys of a random key prefix.
 *
 * <p>{@link #dropPostgresTables} needs the PostgreSQL JDBC driver on the test class path (any
 * module testing the PostgreSQL store has it); {@link #deleteRedisKeys} needs Lettuce, an
 * optional dependency of this module, like Testcontainers for {@link TestServers}.
 */
public final class TestData {

    private TestData() {
    }

    /**
     * Drops every table of schema {@code public} whose name starts with {@code tablePrefix}: the
     * store's table and the bookkeeping tables named after it ({@code <table>_writes}, …).
     *
     * @param tablePrefix the random table name the test gave the store
     * @throws SQLException if the server refuses
     */
    public static void dropPostgresTables(String tablePrefix) throws SQLException {
        String url = TestServers.postgres();
        String jdbc = "jdbc:" + url.replaceFirst("://[^@/]*@", "://");
        String user = url.replaceFirst("^postgresql://([^:@/]*).*$", "$1");
        try (Connection c = DriverManager.getConnection(jdbc, user, null)) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement find = c.prepareStatement(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND starts_with(tablename, ?)")) {
                find.setString(1, tablePrefix);
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            try (Statement drop = c.createStatement()) {
                for (String name : tables) {
                    drop.execute("DROP TABLE IF EXISTS public.\"" + name + "\" CASCADE");
                }
            }
        }
    }

    /**
     * Deletes every key under {@code prefix + ":"} on the standalone Redis of
     * {@link TestServers#redis()}, and only those.
     *
     * @param prefix the random key prefix the test gave the store
     */
    public static void deleteRedisKeys(String prefix) {
        RedisClient client = RedisClient.create(TestServers.redis());
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
            deleteRedisKeys(c.sync(), prefix);
        } finally {
            client.shutdown();
        }
    }

    /**
     * Deletes every key under {@code prefix + ":"} through a connection the caller already has
     * (for tests that keep one client for the whole JVM), and only those.
     *
     * @param redis a standalone connection with a byte-array codec
     * @param prefix the random key prefix the test gave the store
     */
    public static void deleteRedisKeys(RedisCommands<byte[], byte[]> redis, String prefix) {
        ScanArgs match = new ScanArgs().match((prefix + ":*").getBytes(StandardCharsets.UTF_8)).limit(1000);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<byte[]> page = redis.scan(cursor, match);
            if (!page.getKeys().isEmpty()) {
                redis.unlink(page.getKeys().toArray(new byte[0][]));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }
}
