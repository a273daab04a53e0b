package io.checkpointkit.koog;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.TestServers;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The provider over standalone Redis: every new store uses the same random prefix, whose keys are deleted after. */
class RedisCheckpointKitPersistenceProviderTest extends CheckpointKitPersistenceProviderTest {

    private final String prefix = "koog-" + UUID.randomUUID();

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open(TestServers.redis() + "?prefix=" + prefix);
    }

    /** Deletes every key under this test's prefix, and only those. */
    @Override
    protected void dropData() {
        RedisClient client = RedisClient.create(TestServers.redis());
        try (StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE)) {
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
        } finally {
            client.shutdown();
        }
    }
}
