package io.checkpointkit.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.testsupport.FakeClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text format, the key file read again on refresh, and the environment variable. */
class KeyProvidersTest {

    private static final String A = base64(1);
    private static final String B = base64(2);

    @TempDir
    Path directory;

    @Test
    void linesAndCommasCommentsAndBlanks() {
        KeyRing ring = KeyProviders.parse("# keys\n\n a = " + A + " \r\nb=" + B + ",c=" + A + "\n", "test");
        assertThat(ring.keyIds()).containsExactly("a", "b", "c");
        assertThat(ring.primary().id()).isEqualTo("c");
    }

    @Test
    void urlSafeAndUnpaddedBase64AreAccepted() {
        byte[] material = new byte[32];
        material[0] = (byte) 0xFB;
        material[1] = (byte) 0xFF;
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(material);
        assertThat(urlSafe).contains("-");
        assertThat(KeyProviders.parse("k=" + urlSafe, "test").primary().id()).isEqualTo("k");
    }

    @Test
    void badEntriesNameTheirLine() {
        assertThatThrownBy(() -> KeyProviders.parse("a=" + A + "\nnot a key", "keys.txt"))
                .hasMessageStartingWith("keys.txt, line 2: expected <key id>=<Base64 of 32 bytes>");
        assertThatThrownBy(() -> KeyProviders.parse("bad id=" + A, "keys.txt"))
                .hasMessageContaining("line 1").hasMessageContaining("key id must be");
    }

    @Test
    void theFileIsReadAgainOnEveryRefresh() throws Exception {
        Path file = Files.writeString(directory.resolve("keys"), "a=" + A + "\n");
        FakeClock clock = new FakeClock();
        CheckpointStore raw = MemoryCheckpointStore.create();
        EncryptingCheckpointStore store = EncryptingCheckpointStore.wrap(raw, EncryptionConfig.builder()
                .keyProvider(KeyProviders.file(file)).clock(clock).build());
        Files.writeString(file, "a=" + A + "\nb=" + B + "\n");
        clock.advance(EncryptionConfig.DEFAULT_REFRESH_INTERVAL);
        store.save(Checkpoint.builder("e").id("x").build());
        assertThat(StateCipher.keyIdOf("x", raw.load("x").orElseThrow().state())).isEqualTo("b");
        Files.delete(file);
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.load("x")).isPresent();
        assertThat(store.stats().keyRingRefreshFailures()).isEqualTo(1);
    }

    @Test
    void theEnvironmentVariableHoldsARing() {
        KeyProvider provider = KeyProviders.environment(Map.of("KEYS", "a=" + A + ",b=" + B), "KEYS");
        assertThat(provider.keyRing().keyIds()).isEqualTo(List.of("a", "b"));
    }

    @Test
    void ringsRefuseDuplicatesAndUnknownPrimaries() {
        EncryptionKey a = EncryptionKey.fromBase64("a", A);
        assertThatThrownBy(() -> KeyRing.of(a, EncryptionKey.fromBase64("a", B))).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> KeyRing.of(List.of(a), "z")).hasMessageContaining("primary key 'z' is not in the ring [a]");
        assertThatThrownBy(() -> KeyRing.of(List.of())).hasMessageContaining("at least one key");
        assertThatThrownBy(() -> EncryptionKey.generate("a".repeat(65))).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> EncryptionConfig.builder().build()).hasMessageContaining("keyProvider must be set");
    }

    @Test
    void configToBuilderKeepsEverySetting() {
        FakeClock clock = new FakeClock();
        KeyProvider provider = KeyProviders.fixed(KeyRing.of(EncryptionKey.generate("k")));
        EncryptionConfig config = EncryptionConfig.builder().keyProvider(provider)
                .refreshInterval(Duration.ofSeconds(7)).reencryptBatchSize(3).clock(clock).build();
        EncryptionConfig copy = config.toBuilder().build();
        assertThat(copy.keyProvider()).isSameAs(provider);
        assertThat(copy.refreshInterval()).isEqualTo(Duration.ofSeconds(7));
        assertThat(copy.reencryptBatchSize()).isEqualTo(3);
        assertThat(copy.clock()).isSameAs(clock);
        assertThatThrownBy(() -> config.toBuilder().reencryptBatchSize(0)).hasMessageContaining("reencryptBatchSize");
        assertThatThrownBy(() -> config.toBuilder().refreshInterval(Duration.ofSeconds(-1)))
                .hasMessageContaining("refreshInterval");
    }

    private static String base64(int seed) {
        byte[] material = new byte[32];
        material[0] = (byte) seed;
        return Base64.getEncoder().encodeToString(material);
    }
}
