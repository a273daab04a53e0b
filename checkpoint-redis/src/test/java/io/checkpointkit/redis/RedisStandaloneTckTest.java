package io.checkpointkit.redis;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.tck.CheckpointStoreTck;
import org.junit.jupiter.api.AfterAll;

import java.time.Duration;

/**
 * The whole TCK against standalone Redis, on the user's-client path, with a TTL configured
 * (longer than any test) so the TTL paths run under every rule.
 */
class RedisStandaloneTckTest extends CheckpointStoreTck {

    private static final String PREFIX = RedisTestServers.newPrefix();

    @Override
    protected CheckpointStore newStore() {
        return RedisCheckpointStore.builder(RedisTestServers.sharedClient()).prefix(PREFIX)
                .ttl(Duration.ofHours(1)).build();
    }

    @Override
    protected CheckpointStore reopen(CheckpointStore store) {
        return newStore();
    }

    @AfterAll
    static void deleteKeys() {
        RedisTestServers.deleteKeys(PREFIX);
    }
}
