package io.checkpointkit.springboot.autoconfigure;

import static io.checkpointkit.springboot.autoconfigure.DecoratorsAutoConfigurationTest.layer;
import static io.checkpointkit.springboot.autoconfigure.DecoratorsAutoConfigurationTest.layers;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.compression.CompressingCheckpointStore;
import io.checkpointkit.compression.CompressionCodec;
import io.checkpointkit.compression.CompressionConfig;
import io.checkpointkit.encryption.EncryptingCheckpointStore;
import io.checkpointkit.encryption.EncryptionConfig;
import io.checkpointkit.encryption.EncryptionKey;
import io.checkpointkit.encryption.KeyProvider;
import io.checkpointkit.encryption.KeyProviders;
import io.checkpointkit.encryption.KeyRing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code checkpointkit.compression.*}, {@code checkpointkit.encryption.*} and
 * {@code checkpointkit.preloader.cache-plaintext}: each off by default, its values reach the
 * decorator, bad values and missing keys name the property, and stored states are compressed then
 * encrypted. The order of the whole chain, with and without cache-plaintext, is checked in
 * {@link DecoratorsAutoConfigurationTest}.
 */
class StateCodecsAutoConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void compressionAndEncryptionAreOffByDefault() {
        CheckpointKitProperties defaults = new CheckpointKitProperties();
        assertThat(defaults.getCompression().isEnabled()).isFalse();
        assertThat(defaults.getEncryption().isEnabled()).isFalse();
        assertThat(defaults.getPreloader().isCachePlaintext()).isFalse();
        Contexts.memoryRunner().withPropertyValues("checkpointkit.encryption.keys-file=" + dir.resolve("absent"))
                .run(context -> assertThat(layers(context.getBean(CheckpointStore.class)))
                        .containsExactly("ConnectingCheckpointStore"));
    }

    @Test
    void eachCanBeEnabledAlone() throws Exception {
        Path keys = keyFile("k1");
        Contexts.memoryRunner().withPropertyValues("checkpointkit.compression.enabled=true")
                .run(context -> assertThat(layers(context.getBean(CheckpointStore.class)))
                        .containsExactly("CompressingCheckpointStore", "ConnectingCheckpointStore"));
        Contexts.memoryRunner().withPropertyValues("checkpointkit.encryption.enabled=true",
                        "checkpointkit.encryption.keys-file=" + keys)
                .run(context -> assertThat(layers(context.getBean(CheckpointStore.class)))
                        .containsExactly("EncryptingCheckpointStore", "ConnectingCheckpointStore"));
    }

    @Test
    void compressionPropertiesReachItsConfig() {
        Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.compression.enabled=true", "checkpointkit.compression.threshold=4KB",
                        "checkpointkit.compression.codec=deflate", "checkpointkit.compression.zstd-level=5",
                        "checkpointkit.compression.deflate-level=9",
                        "checkpointkit.compression.max-decompressed-size=1MB")
                .run(context -> {
                    CompressionConfig config = layer(context.getBean(CheckpointStore.class),
                            CompressingCheckpointStore.class).config();
                    assertThat(config.threshold()).isEqualTo(4096);
                    assertThat(config.codec()).isEqualTo(CompressionCodec.DEFLATE);
                    assertThat(config.zstdLevel()).isEqualTo(5);
                    assertThat(config.deflateLevel()).isEqualTo(9);
                    assertThat(config.maxDecompressedSize()).isEqualTo(1024 * 1024);
                });
        Contexts.memoryRunner().withPropertyValues("checkpointkit.compression.enabled=true")
                .run(context -> assertThat(layer(context.getBean(CheckpointStore.class),
                        CompressingCheckpointStore.class).config()).isEqualTo(CompressionConfig.defaults()));
    }

    @Test
    void encryptionPropertiesReachItsConfig() throws Exception {
        Path keys = keyFile("2026-01", "2026-06");
        Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.encryption.enabled=true", "checkpointkit.encryption.keys-file=" + keys,
                        "checkpointkit.encryption.refresh-interval=5m")
                .run(context -> {
                    EncryptingCheckpointStore store = layer(context.getBean(CheckpointStore.class),
                            EncryptingCheckpointStore.class);
                    assertThat(store.config().refreshInterval()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(store.keyRing().keyIds()).containsExactly("2026-01", "2026-06");
                    assertThat(store.keyRing().primary().id()).isEqualTo("2026-06");
                });
        Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.encryption.enabled=true", "checkpointkit.encryption.keys-file=" + keys)
                .run(context -> assertThat(layer(context.getBean(CheckpointStore.class), EncryptingCheckpointStore.class)
                        .config().refreshInterval()).isEqualTo(EncryptionConfig.DEFAULT_REFRESH_INTERVAL));
    }

    @Test
    void aRoundTripThroughTheBeanStoresCompressedThenEncryptedBytes() throws Exception {
        Path keys = keyFile("k1");
        Path db = dir.resolve("app.db");
        byte[] state = agentJson();
        Contexts.runner()
                .withPropertyValues("checkpointkit.store.uri=sqlite:" + db, "checkpointkit.compression.enabled=true",
                        "checkpointkit.encryption.enabled=true", "checkpointkit.encryption.keys-file=" + keys,
                        "checkpointkit.preloader.enabled=true")
                .run(context -> {
                    CheckpointStore store = context.getBean(CheckpointStore.class);
                    store.save(Checkpoint.builder("exec-1").id("cp-1").state(state).putMetadata("step", "1").build());
                    Checkpoint loaded = store.load("cp-1").orElseThrow();
                    assertThat(loaded.state()).isEqualTo(state);
                    assertThat(loaded.metadata()).isEqualTo(Map.of("step", "1"));
                });

        try (CheckpointStore backend = CheckpointStores.open("sqlite:" + db)) {
            Checkpoint raw = backend.load("cp-1").orElseThrow();
            byte[] stored = raw.state();
            // The encrypted format's magic, and nothing of the JSON left readable.
            assertThat(Arrays.copyOf(stored, 4)).isEqualTo(new byte[] {(byte) 0x89, 'C', 'K', 'E'});
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("tool_call", "assistant");
            // Compressed before it was encrypted: the ciphertext is far shorter than the state.
            assertThat(raw.metadata()).containsEntry(CompressingCheckpointStore.CODEC_METADATA_KEY, "zstd");
            assertThat(stored.length).isLessThan(state.length / 2);

            try (CheckpointStore byHand = CompressingCheckpointStore.wrap(
                    EncryptingCheckpointStore.wrap(CheckpointStores.open("sqlite:" + db),
                            EncryptionConfig.builder().keyProvider(KeyProviders.file(keys)).build()),
                    CompressionConfig.defaults())) {
                assertThat(byHand.load("cp-1").orElseThrow().state()).isEqualTo(state);
            }
        }
    }

    @Test
    void aKeyProviderBeanWinsOverTheProperties() {
        Contexts.memoryRunner().withUserConfiguration(BeanKeys.class)
                .withPropertyValues("checkpointkit.encryption.enabled=true",
                        "checkpointkit.encryption.keys-file=" + dir.resolve("absent"),
                        "checkpointkit.encryption.keys-env=CHECKPOINTKIT_TEST_NO_SUCH_VARIABLE")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(layer(context.getBean(CheckpointStore.class), EncryptingCheckpointStore.class)
                            .keyRing().keyIds()).containsExactly("bean-key");
                });
    }

    @Test
    void twoKeyProviderBeansWithoutAPrimaryStopStartUpNamingThem() {
        Contexts.memoryRunner().withUserConfiguration(BeanKeys.class, OtherBeanKeys.class)
                .withPropertyValues("checkpointkit.encryption.enabled=true")
                .run(context -> {
                    InvalidCheckpointKitPropertyException failure = StoreAutoConfigurationTest.rootCause(
                            context.getStartupFailure(), InvalidCheckpointKitPropertyException.class);
                    assertThat(failure.property()).isEqualTo("checkpointkit.encryption.enabled");
                    assertThat(failure.getMessage()).contains("keyProvider", "otherKeyProvider", "@Primary");
                });
    }

    @Test
    void encryptionWithoutKeysStopsStartUpSayingWhereKeysCanComeFrom() {
        Contexts.memoryRunner().withPropertyValues("checkpointkit.encryption.enabled=true").run(context -> {
            InvalidCheckpointKitPropertyException failure = StoreAutoConfigurationTest.rootCause(
                    context.getStartupFailure(), InvalidCheckpointKitPropertyException.class);
            assertThat(failure.property()).isEqualTo("checkpointkit.encryption.enabled");
            assertThat(failure.getMessage()).contains("checkpointkit.encryption.keys-file",
                    "checkpointkit.encryption.keys-env", "KeyProvider");
        });
    }

    @Test
    void badValuesStopStartUpNamingTheProperty() throws Exception {
        Path keys = keyFile("k1");
        expectInvalid("checkpointkit.compression.codec", "checkpointkit.compression.enabled=true",
                "checkpointkit.compression.codec=lz4");
        expectInvalid("checkpointkit.compression.zstd-level", "checkpointkit.compression.enabled=true",
                "checkpointkit.compression.zstd-level=23");
        expectInvalid("checkpointkit.compression.deflate-level", "checkpointkit.compression.enabled=true",
                "checkpointkit.compression.deflate-level=0");
        expectInvalid("checkpointkit.compression.threshold", "checkpointkit.compression.enabled=true",
                "checkpointkit.compression.threshold=3GB");
        expectInvalid("checkpointkit.compression.max-decompressed-size", "checkpointkit.compression.enabled=true",
                "checkpointkit.compression.max-decompressed-size=0B");
        expectInvalid("checkpointkit.encryption.refresh-interval", "checkpointkit.encryption.enabled=true",
                "checkpointkit.encryption.keys-file=" + keys, "checkpointkit.encryption.refresh-interval=-1s");
        expectInvalid("checkpointkit.encryption.keys-file", "checkpointkit.encryption.enabled=true",
                "checkpointkit.encryption.keys-file=" + dir.resolve("absent"));
        expectInvalid("checkpointkit.encryption.keys-env", "checkpointkit.encryption.enabled=true",
                "checkpointkit.encryption.keys-env=CHECKPOINTKIT_TEST_NO_SUCH_VARIABLE");
    }

    @Test
    void aModuleThatIsMissingStopsStartUpNamingTheProperty() throws Exception {
        Path keys = keyFile("k1");
        expectMissing("io.checkpointkit.compression.", "checkpointkit.compression.enabled", "checkpoint-compression",
                "checkpointkit.compression.enabled=true");
        expectMissing("io.checkpointkit.encryption.", "checkpointkit.encryption.enabled", "checkpoint-encryption",
                "checkpointkit.encryption.enabled=true", "checkpointkit.encryption.keys-file=" + keys);
    }

    @Test
    void keysFromAnEnvironmentVariableAndAFileMakeOneRingWhoseFilesPrimaryEncrypts() throws Exception {
        Path file = keyFile("file-1", "file-2");
        String variable = "APP_KEYS";
        Map<String, String> environment = Map.of(variable, keyLines("env-1"));
        EncryptionProperties p = new EncryptionProperties();
        p.setEnabled(true);
        p.setKeysEnv(variable);
        EncryptionConfig onlyEnvironment = (EncryptionConfig) EncryptionSupport.config(p, noBeans(), environment);
        assertThat(onlyEnvironment.keyProvider().keyRing().keyIds()).containsExactly("env-1");

        p.setKeysFile(file.toString());
        KeyRing both = ((EncryptionConfig) EncryptionSupport.config(p, noBeans(), environment)).keyProvider().keyRing();
        assertThat(both.keyIds()).containsExactly("env-1", "file-1", "file-2");
        assertThat(both.primary().id()).isEqualTo("file-2");
    }

    private static DefaultListableBeanFactory noBeans() {
        return new DefaultListableBeanFactory();
    }

    private void expectInvalid(String property, String... properties) {
        Contexts.memoryRunner().withPropertyValues(properties).run(context ->
                assertThat(StoreAutoConfigurationTest.rootCause(context.getStartupFailure(),
                        InvalidCheckpointKitPropertyException.class).property()).isEqualTo(property));
    }

    private static void expectMissing(String packagePrefix, String property, String module, String... properties) {
        ApplicationContextRunner runner = Contexts.memoryRunner().withClassLoader(new FilteredClassLoader(packagePrefix));
        runner.withPropertyValues(properties).run(context -> {
            InvalidCheckpointKitPropertyException failure = StoreAutoConfigurationTest.rootCause(
                    context.getStartupFailure(), InvalidCheckpointKitPropertyException.class);
            assertThat(failure.property()).isEqualTo(property);
            assertThat(failure.getMessage()).contains(module);
        });
    }

    /** A key file in the temporary directory with one fresh key per id, the last one primary. */
    Path keyFile(String... ids) throws Exception {
        Path file = Files.createTempFile(dir, "keys", ".txt");
        Files.writeString(file, keyLines(ids));
        return file;
    }

    static String keyLines(String... ids) {
        StringBuilder text = new StringBuilder("# test keys\n");
        for (String id : ids) {
            text.append(id).append('=').append(randomKey()).append('\n');
        }
        return text.toString();
    }

    static String randomKey() {
        byte[] material = new byte[EncryptionKey.KEY_BYTES];
        new SecureRandom().nextBytes(material);
        return Base64.getEncoder().encodeToString(material);
    }

    /** A compressible agent state: a chat history with tool calls, about 20 KiB. */
    static byte[] agentJson() {
        StringBuilder json = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 120; i++) {
            json.append(i == 0 ? "" : ",").append("{\"role\":\"assistant\",\"content\":\"step ").append(i)
                    .append(" looks up the weather\",\"tool_call\":{\"name\":\"weather\",\"args\":{\"city\":\"Paris\"}}}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Configuration(proxyBeanMethods = false)
    static class BeanKeys {
        @Bean
        KeyProvider keyProvider() {
            return KeyProviders.fixed(KeyRing.of(List.of(EncryptionKey.generate("bean-key"))));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OtherBeanKeys {
        @Bean
        KeyProvider otherKeyProvider() {
            return KeyProviders.fixed(KeyRing.of(List.of(EncryptionKey.generate("other-key"))));
        }
    }
}
