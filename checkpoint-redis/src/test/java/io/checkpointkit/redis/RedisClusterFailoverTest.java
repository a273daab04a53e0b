package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.testsupport.LocalRedisCluster;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A master of a dedicated loopback Cluster (not the shared one) is killed: saves to its slots
 * fail as unavailable until its replica is promoted, then the store carries on by itself.
 */
class RedisClusterFailoverTest {

    @Test
    void aKilledMasterIsUnavailableUntilItsReplicaTakesOverThenTheStoreRecovers() {
        try (LocalRedisCluster cluster = LocalRedisCluster.start();
             RedisCheckpointStore store = RedisCheckpointStore.builder(cluster.uri() + "?timeout=1s&connectTimeout=500ms")
                     .build()) {
            Checkpoint before = store.save(Checkpoint.builder("failover").id("before").build());
            assertThat(store.load("before")).contains(before);
            int masterPort = masterPortOf(cluster, new RedisKeys(RedisCheckpointStore.DEFAULT_PREFIX)
                    .execution("failover".getBytes(StandardCharsets.UTF_8)).index());

            cluster.kill(masterPort);
            assertThatThrownBy(() -> store.save(Checkpoint.builder("failover").id("during").build()))
                    .isInstanceOf(CheckpointStoreUnavailableException.class);

            AtomicReference<Checkpoint> after = new AtomicReference<>();
            RedisStoreBehaviourTest.awaitTrue(Duration.ofSeconds(60), () -> {
                try {
                    after.set(store.save(Checkpoint.builder("failover").id("after").build()));
                    return true;
                } catch (CheckpointStoreUnavailableException stillFailingOver) {
                    return false;
                }
            });
            assertThat(store.list("failover")).contains(before, after.get());
        }
    }

    private static int masterPortOf(LocalRedisCluster cluster, byte[] key) {
        RedisClusterClient client = RedisTestServers.sharedClusterClientFor(cluster.uri());
        try (StatefulRedisClusterConnection<String, String> c = client.connect()) {
            return c.getPartitions().getPartitionBySlot(SlotHash.getSlot(key)).getUri().getPort();
        } finally {
            client.shutdown();
        }
    }
}
