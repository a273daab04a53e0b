package io.checkpointkit.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import io.checkpointkit.testsupport.FakeClock;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key material appears in no toString, no exception message and no log line. */
class SecretsTest {

    private static final byte[] MATERIAL = new byte[32];

    static {
        for (int i = 0; i < MATERIAL.length; i++) {
            MATERIAL[i] = (byte) (0xA0 + i);
        }
    }

    private static final String BASE64 = Base64.getEncoder().encodeToString(MATERIAL);
    private static final EncryptionKey KEY = EncryptionKey.of("secret-key", MATERIAL);

    @TempDir
    Path directory;

    @Test
    void toStringsShowIdsOnly() {
        KeyRing ring = KeyRing.of(KEY);
        EncryptionConfig config = EncryptionConfig.builder().keyProvider(KeyProviders.fixed(ring)).build();
        CheckpointStore store = EncryptingCheckpointStore.wrap(MemoryCheckpointStore.create(), config);
        for (Object o : new Object[] {KEY, ring, config, store}) {
            assertNoSecret(o.toString());
        }
        assertThat(KEY.toString()).contains("secret-key");
        assertThat(ring.toString()).contains("secret-key");
    }

    @Test
    void malformedKeysAreReportedWithoutTheirMaterial() {
        String tooShort = BASE64.substring(0, 40);
        assertThatThrownBy(() -> EncryptionKey.fromBase64("k", tooShort))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tooShort).contains("must be 32 bytes"));
        assertThatThrownBy(() -> EncryptionKey.fromBase64("k", BASE64 + "!!"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(BASE64));
        assertThatThrownBy(() -> KeyProviders.parse("k1=" + tooShort, "test"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tooShort).contains("test, line 1"));
        assertThatThrownBy(() -> KeyProviders.parse(BASE64, "test"))
                .satisfies(e -> assertNoSecret(e.getMessage()));
        assertThatThrownBy(() -> KeyProviders.parse("a=" + BASE64 + "\na=" + BASE64, "test"))
                .satisfies(e -> assertNoSecret(e.getMessage())).hasMessageContaining("listed twice");
    }

    @Test
    void missingSourcesAreNamed() throws Exception {
        Path missing = directory.resolve("no-such-keys");
        assertThatThrownBy(() -> KeyProviders.file(missing)).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> KeyProviders.environment(Map.of(), "CKPT_KEYS")).hasMessageContaining("CKPT_KEYS");
        Path empty = Files.writeString(directory.resolve("empty"), "# nothing yet\n");
        assertThatThrownBy(() -> KeyProviders.file(empty)).hasMessageContaining("holds no key");
    }

    @Test
    void corruptionMessagesNameTheKeyIdNotTheKey() {
        CheckpointStore raw = MemoryCheckpointStore.create();
        TestKeys.encrypting(raw, KEY).save(Checkpoint.builder("e").id("c").state(new byte[] {1}).build());
        EncryptingCheckpointStore other = TestKeys.encrypting(raw, EncryptionKey.generate("secret-key"));
        assertThatThrownBy(() -> other.load("c")).satisfies(e -> {
            assertNoSecret(e.getMessage());
            assertThat(e.getCause()).isNull();
        });
    }

    @Test
    void theProviderFailureWarningHasNoKey() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        TestKeys.MutableKeyProvider provider = new TestKeys.MutableKeyProvider(KEY);
        FakeClock clock = new FakeClock();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EncryptingCheckpointStore store = EncryptingCheckpointStore.wrap(MemoryCheckpointStore.create(),
                    EncryptionConfig.builder().keyProvider(provider).clock(clock).build());
            provider.failWith(new IllegalStateException("vault down"));
            clock.advance(Duration.ofMinutes(5));
            store.save(Checkpoint.builder("e").build());
            provider.failWith(null);
            clock.advance(Duration.ofMinutes(5));
            store.save(Checkpoint.builder("e").build());
        } finally {
            System.setErr(stderr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("vault down", "secret-key", "answers again");
        assertNoSecret(log);
    }

    private static void assertNoSecret(String text) {
        assertThat(text).doesNotContain(BASE64, BASE64.substring(0, 16), HexFormat.of().formatHex(MATERIAL),
                HexFormat.of().withUpperCase().formatHex(MATERIAL), new String(MATERIAL, StandardCharsets.ISO_8859_1));
    }
}
