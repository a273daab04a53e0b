package io.checkpointkit.redis;

import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.LocalRedisProcess;
import io.checkpointkit.testsupport.TestServers;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** URIs, options, the provider, and who owns the client. */
class RedisStoreConfigurationTest {

    private final String prefix = RedisTestServers.newPrefix();

    @AfterEach
    void deleteKeys() {
        RedisTestServers.deleteKeys(prefix);
    }

    @Test
    void theProviderOpensRedisUrisWithTheirOptions() {
        String uri = TestServers.redis() + "?prefix=" + prefix + "&ttl=PT1H&timeout=2s&connectTimeout=500ms";
        try (CheckpointStore store = CheckpointStores.open(uri)) {
            assertThat(store).isInstanceOf(RedisCheckpointStore.class);
            assertThat(store.capabilities()).containsExactlyInAnyOrder(Capability.TTL, Capability.DURABLE);
            Checkpoint saved = store.save(Checkpoint.builder("exec").id("via-provider").build());
            assertThat(store.load("via-provider")).contains(saved);
        }
        assertThat(new RedisCheckpointStoreProvider().schemes()).containsExactlyInAnyOrder("redis", "rediss", "redis-cluster");
    }

    @Test
    void withoutTtlTheStoreIsDurableOnly() {
        try (RedisCheckpointStore store = RedisCheckpointStore.builder(TestServers.redis()).prefix(prefix).build()) {
            assertThat(store.capabilities()).containsExactly(Capability.DURABLE);
        }
    }

    @Test
    void unknownOptionsAreRejectedNamingThemWithoutThePassword() {
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis://app:s3cret@127.0.0.1:6379?prefx=a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefx").hasMessageContaining("ttl")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void badValuesFailBeforeAnyConnection() {
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis://127.0.0.1:6379?ttl=soon"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis://127.0.0.1:6379/zero"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database");
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis-cluster://127.0.0.1:1?database=2").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database");
        assertThatThrownBy(() -> RedisCheckpointStore.builder("postgresql://127.0.0.1/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis");
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis://127.0.0.1:6379").prefix("a{b}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix");
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis://127.0.0.1:6379").ttl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis://127.0.0.1:6379").timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }

    @Test
    void aTtlTooLargeForRedisIsRejectedNamingTheOptionAndTheRangeBeforeAnyConnection() {
        // 1e17 ms once made save throw after its script had written the checkpoint without a ttl.
        Duration huge = Duration.ofMillis(100_000_000_000_000_000L);
        int closedPort = LocalRedisProcess.freePort(); // nothing listens: any I/O would fail otherwise
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis://127.0.0.1:" + closedPort).ttl(huge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl").hasMessageContaining("1ms").hasMessageContaining("36500d");
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis://127.0.0.1:" + closedPort
                + "?ttl=100000000000000000ms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl").hasMessageContaining("36500d");
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis://127.0.0.1:" + closedPort
                + "?ttl=36501d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThat(RedisCheckpointStore.builder("redis://127.0.0.1:" + closedPort).ttl(RedisCheckpointStore.MAX_TTL))
                .isNotNull();
    }

    @Test
    void theLongestTtlIsStoredAsGiven() {
        try (RedisCheckpointStore store = RedisCheckpointStore.builder(TestServers.redis()).prefix(prefix)
                .ttl(RedisCheckpointStore.MAX_TTL).build()) {
            Checkpoint saved = store.save(Checkpoint.builder("exec-long-ttl").id("long-ttl").build());
            assertThat(store.load("long-ttl")).contains(saved);
            assertThat(RedisTestServers.pttls(prefix + ":x:*:i", null).values())
                    .hasSize(1).allSatisfy(pttl -> assertThat(pttl).isGreaterThan(RedisCheckpointStore.MAX_TTL.toMillis() - 60_000));
        }
    }

    @Test
    void anUnreachableServerIsUnavailableAndTheMessageHidesThePassword() {
        int port = LocalRedisProcess.freePort();
        assertThatThrownBy(() -> RedisCheckpointStore.builder("redis://app:s3cret@127.0.0.1:" + port
                + "?connectTimeout=500ms").build())
                .isInstanceOf(CheckpointStoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void closingTheStoreLeavesTheUsersClientOpen() {
        RedisCheckpointStore store = RedisCheckpointStore.builder(RedisTestServers.sharedClient()).prefix(prefix).build();
        store.save(Checkpoint.builder("exec").build());
        store.close();
        store.close(); // idempotent
        assertThatThrownBy(() -> store.list("exec")).isInstanceOf(IllegalStateException.class);
        try (StatefulRedisConnection<String, String> c = RedisTestServers.sharedClient().connect()) {
            assertThat(c.sync().ping()).isEqualTo("PONG");
        }
    }
}
