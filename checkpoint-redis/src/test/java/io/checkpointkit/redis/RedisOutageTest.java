package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.testsupport.LocalRedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Outages of a dedicated {@code redis-server} that this test starts on a spare port, kills and
 * starts again: never the shared server.
 */
class RedisOutageTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private LocalRedisProcess server;
    private RedisCheckpointStore store;

    @BeforeEach
    void start() {
        server = LocalRedisProcess.start(dir);
        store = RedisCheckpointStore.builder("redis://127.0.0.1:" + server.port() + "?timeout=1s&connectTimeout=500ms")
                .build();
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        server.close();
    }

    @Test
    void aKilledServerSurfacesAsUnavailableWithinTheTimeoutAndTheStoreRecoversWhenItIsBack() {
        store.save(Checkpoint.builder("exec").id("before").build());
        server.kill();

        long started = System.nanoTime();
        assertThatThrownBy(() -> store.save(Checkpoint.builder("exec").id("during").build()))
                .isInstanceOf(CheckpointStoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + server.port());
        assertThatThrownBy(() -> store.load("before")).isInstanceOf(CheckpointStoreUnavailableException.class);
        assertThatThrownBy(() -> store.latest("exec")).isInstanceOf(CheckpointStoreUnavailableException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isLessThan(TIMEOUT.multipliedBy(3).plusSeconds(2));

        server.start(); // same port; no persistence, so the old data is gone
        AtomicReference<Checkpoint> saved = new AtomicReference<>();
        RedisStoreBehaviourTest.awaitTrue(Duration.ofSeconds(30), () -> {
            try {
                saved.set(store.save(Checkpoint.builder("exec").id("after").build()));
                return true;
            } catch (CheckpointStoreUnavailableException stillDown) {
                return false;
            }
        });
        assertThat(store.load("after")).contains(saved.get());
        assertThat(store.load("before")).isEmpty();
    }

    @Test
    void scriptsFlushedFromTheServerAreReloaded() {
        Checkpoint first = store.save(Checkpoint.builder("exec").id("one").build());
        RedisClient admin = RedisClient.create("redis://127.0.0.1:" + server.port());
        try (StatefulRedisConnection<String, String> c = admin.connect()) {
            assertThat(c.sync().scriptFlush()).isEqualTo("OK");
            Checkpoint second = store.save(Checkpoint.builder("exec").id("two").build());
            assertThat(store.list("exec")).containsExactlyInAnyOrder(first, second);
            assertThat(c.sync().scriptExists(LuaScript.CLAIM_SAVE.sha(), LuaScript.RANGE.sha())).containsExactly(true, true);
        } finally {
            admin.shutdown();
        }
    }
}
