package io.checkpointkit.encryption;

import static io.checkpointkit.encryption.TestKeys.K1;
import static io.checkpointkit.encryption.TestKeys.K2;
import static io.checkpointkit.encryption.TestKeys.K3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import io.checkpointkit.testsupport.FakeClock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys come and go: across restarts, and while the store runs. */
class KeyRotationTest {

    @TempDir
    Path directory;

    private final CheckpointStore raw = MemoryCheckpointStore.create();

    @Test
    void threeKeysAcrossRestartsThenReencryptAndDropTheOldOnes() {
        Path file = directory.resolve("rotation.db");
        try (CheckpointStore s = TestKeys.encrypting(sqlite(file), K1)) {
            s.save(checkpoint("one"));
        }
        try (CheckpointStore s = TestKeys.encrypting(sqlite(file), K1, K2)) {
            assertThat(stateOf(s, "one")).isEqualTo("state of one");
            s.save(checkpoint("two"));
        }
        try (EncryptingCheckpointStore s = TestKeys.encrypting(sqlite(file), K1, K2, K3)) {
            s.save(checkpoint("three"));
            assertThat(List.of("one", "two", "three")).allSatisfy(id -> assertThat(stateOf(s, id)).isEqualTo("state of " + id));
            ReencryptSummary summary = s.reencrypt(ReencryptListener.NONE);
            assertThat(summary.rewritten()).isEqualTo(2);
            assertThat(summary.current()).isEqualTo(1);
            assertThat(summary.complete()).isTrue();
        }
        try (CheckpointStore s = TestKeys.encrypting(sqlite(file), K3)) {
            assertThat(List.of("one", "two", "three")).allSatisfy(id -> assertThat(stateOf(s, id)).isEqualTo("state of " + id));
        }
        try (CheckpointStore s = TestKeys.encrypting(sqlite(file), K1, K2)) {
            assertThatThrownBy(() -> s.load("one")).isInstanceOf(CheckpointCorruptedException.class);
        }
    }

    @Test
    void aNewPrimaryKeyIsUsedAfterTheRefreshIntervalWithoutRestart() {
        TestKeys.MutableKeyProvider provider = new TestKeys.MutableKeyProvider(K1);
        FakeClock clock = new FakeClock();
        EncryptingCheckpointStore store = EncryptingCheckpointStore.wrap(raw, EncryptionConfig.builder()
                .keyProvider(provider).refreshInterval(Duration.ofMinutes(1)).clock(clock).build());
        store.save(checkpoint("before"));
        provider.set(K1, K2);
        clock.advance(Duration.ofSeconds(59));
        store.save(checkpoint("within"));
        clock.advance(Duration.ofSeconds(1));
        store.save(checkpoint("after"));
        assertThat(keyIdOf("before")).isEqualTo("k1");
        assertThat(keyIdOf("within")).isEqualTo("k1");
        assertThat(keyIdOf("after")).isEqualTo("k2");
        assertThat(store.stats().keyRingRefreshes()).isEqualTo(1);
    }

    @Test
    void aStoreThatMeetsAnUnknownKeyAsksForTheRingAtOnce() {
        TestKeys.MutableKeyProvider provider = new TestKeys.MutableKeyProvider(K1);
        FakeClock clock = new FakeClock();
        EncryptionConfig config = EncryptionConfig.builder().keyProvider(provider)
                .refreshInterval(Duration.ofHours(1)).clock(clock).build();
        EncryptingCheckpointStore stale = EncryptingCheckpointStore.wrap(raw, config);
        provider.set(K1, K2);
        EncryptingCheckpointStore fresh = EncryptingCheckpointStore.wrap(raw, config);
        fresh.save(checkpoint("by-fresh"));
        clock.advance(EncryptionConfig.UNKNOWN_KEY_REFRESH_GAP);
        assertThat(stateOf(stale, "by-fresh")).isEqualTo("state of by-fresh");
        assertThat(stale.keyRing().keyIds()).containsExactly("k1", "k2");
    }

    @Test
    void unknownKeysAskTheProviderAtMostOnceAGap() {
        TestKeys.MutableKeyProvider provider = new TestKeys.MutableKeyProvider(K2);
        FakeClock clock = new FakeClock();
        TestKeys.encrypting(raw, K1).save(checkpoint("orphan"));
        EncryptingCheckpointStore store = EncryptingCheckpointStore.wrap(raw, EncryptionConfig.builder()
                .keyProvider(provider).refreshInterval(Duration.ofHours(1)).clock(clock).build());
        int calls = provider.calls;
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> store.load("orphan")).isInstanceOf(CheckpointCorruptedException.class);
        }
        assertThat(provider.calls).isEqualTo(calls);
        clock.advance(EncryptionConfig.UNKNOWN_KEY_REFRESH_GAP);
        assertThatThrownBy(() -> store.load("orphan")).isInstanceOf(CheckpointCorruptedException.class);
        assertThat(provider.calls).isEqualTo(calls + 1);
    }

    @Test
    void aFailingProviderLeavesTheRingInUse() {
        TestKeys.MutableKeyProvider provider = new TestKeys.MutableKeyProvider(K1);
        FakeClock clock = new FakeClock();
        EncryptingCheckpointStore store = EncryptingCheckpointStore.wrap(raw, EncryptionConfig.builder()
                .keyProvider(provider).refreshInterval(Duration.ofMinutes(1)).clock(clock).build());
        provider.failWith(new IllegalStateException("vault unreachable"));
        clock.advance(Duration.ofMinutes(2));
        store.save(checkpoint("during-outage"));
        assertThat(stateOf(store, "during-outage")).isEqualTo("state of during-outage");
        assertThat(store.stats().keyRingRefreshFailures()).isEqualTo(1);
        provider.failWith(null);
        provider.set(K1, K2);
        clock.advance(Duration.ofMinutes(1));
        store.save(checkpoint("after-outage"));
        assertThat(keyIdOf("after-outage")).isEqualTo("k2");
    }

    @Test
    void aNamedPrimaryLetsANewKeyDecryptBeforeItEncrypts() {
        EncryptingCheckpointStore store = EncryptingCheckpointStore.wrap(raw, EncryptionConfig.builder()
                .keyProvider(KeyProviders.fixed(KeyRing.of(List.of(K1, K2), "k1"))).build());
        store.save(checkpoint("x"));
        assertThat(keyIdOf("x")).isEqualTo("k1");
        TestKeys.encrypting(raw, K2).save(checkpoint("y"));
        assertThat(stateOf(store, "y")).isEqualTo("state of y");
    }

    @Test
    void theFirstRingMustCome() {
        EncryptionConfig config = EncryptionConfig.builder().keyProvider(() -> {
            throw new IllegalStateException("no vault");
        }).build();
        assertThatThrownBy(() -> EncryptingCheckpointStore.wrap(raw, config)).hasMessage("no vault");
        EncryptionConfig nullRing = EncryptionConfig.builder().keyProvider(() -> null).build();
        assertThatThrownBy(() -> EncryptingCheckpointStore.wrap(raw, nullRing)).isInstanceOf(IllegalStateException.class);
    }

    private String keyIdOf(String id) {
        return StateCipher.keyIdOf(id, raw.load(id).orElseThrow().state());
    }

    private static CheckpointStore sqlite(Path file) {
        return SqliteCheckpointStore.builder().path(file).build();
    }

    private static Checkpoint checkpoint(String id) {
        return Checkpoint.builder("exec").id(id).state(("state of " + id).getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String stateOf(CheckpointStore store, String id) {
        return new String(store.load(id).orElseThrow().state(), StandardCharsets.UTF_8);
    }
}
