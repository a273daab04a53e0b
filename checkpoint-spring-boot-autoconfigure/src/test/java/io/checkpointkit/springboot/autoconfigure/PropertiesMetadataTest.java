package io.checkpointkit.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkpointkit.compression.CompressionConfig;
import io.checkpointkit.decorators.AutoTrimConfig;
import io.checkpointkit.encryption.EncryptionConfig;
import io.checkpointkit.decorators.CircuitBreakerConfig;
import io.checkpointkit.micrometer.MeteringConfig;
import io.checkpointkit.preloader.PreloaderConfig;
import io.checkpointkit.retention.RetentionSweeper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The generated configuration metadata documents every property with its default; the defaults
 * are the library's own; the module README lists every property.
 */
class PropertiesMetadataTest {

    @Test
    void everyPropertyHasADescriptionAndADefaultInTheMetadata() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        Map<String, String> encryptionDefaults = new LinkedHashMap<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asText();
            names.add(name);
            if (name.startsWith("checkpointkit.encryption.")) {
                encryptionDefaults.put(name, property.path("defaultValue").asText());
            }
            assertThat(property.path("description").asText()).as("description of %s", name).isNotBlank();
            assertThat(property.has("defaultValue")).as("default of %s", name).isTrue();
        }
        assertThat(names).contains("checkpointkit.store.uri", "checkpointkit.store.options",
                "checkpointkit.store.fail-fast", "checkpointkit.auto-trim.enabled", "checkpointkit.circuit-breaker.enabled",
                "checkpointkit.preloader.enabled", "checkpointkit.retention.enabled", "checkpointkit.retention.keep-latest",
                "checkpointkit.retention.clear-idle-after", "checkpointkit.retention.interval",
                "checkpointkit.preloader.cache-plaintext", "checkpointkit.compression.enabled",
                "checkpointkit.compression.codec", "checkpointkit.compression.threshold");
        // The encryption group says where keys are, never what they are: no default holds one.
        assertThat(encryptionDefaults).containsExactlyInAnyOrderEntriesOf(Map.of(
                "checkpointkit.encryption.enabled", "false", "checkpointkit.encryption.keys-file", "",
                "checkpointkit.encryption.keys-env", "", "checkpointkit.encryption.refresh-interval", "1m"));

        String readme = Files.readString(moduleReadme(), StandardCharsets.UTF_8);
        for (String name : names) {
            assertThat(readme).as("README lists %s", name).contains("`" + name + "`");
        }
    }

    /** The module's README, from the module or from one of the compat builds inside it. */
    private static Path moduleReadme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path readme = dir.resolve("README.md");
            if (dir.getFileName() != null && dir.getFileName().toString().equals("checkpoint-spring-boot-autoconfigure")
                    && Files.exists(readme)) {
                return readme;
            }
        }
        throw new AssertionError("no checkpoint-spring-boot-autoconfigure/README.md above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theDefaultsAreTheLibrarysDefaults() {
        CheckpointKitProperties p = new CheckpointKitProperties();
        assertThat(p.getAutoTrim().getKeepLatest()).isEqualTo(AutoTrimConfig.DEFAULT_KEEP_LATEST);
        assertThat(p.getAutoTrim().getThreshold()).isEqualTo(AutoTrimConfig.DEFAULT_THRESHOLD);
        assertThat(p.getAutoTrim().getQueueCapacity()).isEqualTo(AutoTrimConfig.DEFAULT_QUEUE_CAPACITY);
        assertThat(p.getAutoTrim().getOnClose()).isEqualTo(AutoTrimConfig.DEFAULT_ON_CLOSE);
        assertThat(p.getAutoTrim().getCloseTimeout()).isEqualTo(AutoTrimConfig.DEFAULT_CLOSE_TIMEOUT);
        assertThat(p.getCircuitBreaker().getFailureRateThreshold())
                .isEqualTo(CircuitBreakerConfig.DEFAULT_FAILURE_RATE_THRESHOLD);
        assertThat(p.getCircuitBreaker().getSlidingWindowSize()).isEqualTo(CircuitBreakerConfig.DEFAULT_SLIDING_WINDOW_SIZE);
        assertThat(p.getCircuitBreaker().getMinimumCalls()).isEqualTo(CircuitBreakerConfig.DEFAULT_MINIMUM_CALLS);
        assertThat(p.getCircuitBreaker().getWaitInOpen()).isEqualTo(CircuitBreakerConfig.DEFAULT_WAIT_IN_OPEN);
        assertThat(p.getCircuitBreaker().getPermittedTrialCalls())
                .isEqualTo(CircuitBreakerConfig.DEFAULT_PERMITTED_TRIAL_CALLS);
        assertThat(p.getPreloader().getMaximumSize()).isEqualTo(PreloaderConfig.DEFAULT_MAXIMUM_SIZE);
        assertThat(p.getPreloader().getExpireAfterWrite()).isEqualTo(PreloaderConfig.DEFAULT_EXPIRE_AFTER_WRITE);
        assertThat(p.getPreloader().getInterval()).isEqualTo(PreloaderConfig.DEFAULT_INTERVAL);
        assertThat(p.getPreloader().getDecayFactor()).isEqualTo(PreloaderConfig.DEFAULT_DECAY_FACTOR);
        assertThat(p.getPreloader().getDecayPeriod()).isEqualTo(PreloaderConfig.DEFAULT_DECAY_PERIOD);
        assertThat(p.getPreloader().getThreshold()).isEqualTo(PreloaderConfig.DEFAULT_THRESHOLD);
        assertThat(p.getPreloader().getUnreadExpiryFactor())
                .isEqualTo(PreloaderConfig.DEFAULT_UNREAD_EXPIRY_FACTOR);
        assertThat(p.getPreloader().getMaxTrackedKeys()).isEqualTo(PreloaderConfig.DEFAULT_MAX_TRACKED_KEYS);
        assertThat(p.getPreloader().getBatchSize()).isEqualTo(PreloaderConfig.DEFAULT_BATCH_SIZE);
        assertThat(p.getPreloader().getMaxRelatedKeys()).isEqualTo(PreloaderConfig.DEFAULT_MAX_RELATED_KEYS);
        assertThat(p.getPreloader().getParallelism()).isEqualTo(PreloaderConfig.DEFAULT_PARALLELISM);
        assertThat(p.getCompression().getThreshold().toBytes()).isEqualTo(CompressionConfig.DEFAULT_THRESHOLD);
        assertThat(p.getCompression().getCodec()).isEqualTo(CompressionConfig.DEFAULT_CODEC.id());
        assertThat(p.getCompression().getZstdLevel()).isEqualTo(CompressionConfig.DEFAULT_ZSTD_LEVEL);
        assertThat(p.getCompression().getDeflateLevel()).isEqualTo(CompressionConfig.DEFAULT_DEFLATE_LEVEL);
        assertThat(p.getCompression().getMaxDecompressedSize().toBytes())
                .isEqualTo(CompressionConfig.DEFAULT_MAX_DECOMPRESSED_SIZE);
        assertThat(p.getEncryption().getRefreshInterval()).isEqualTo(EncryptionConfig.DEFAULT_REFRESH_INTERVAL);
        assertThat(p.getRetention().getPageSize()).isEqualTo(RetentionSweeper.DEFAULT_PAGE_SIZE);
        assertThat(p.getMetrics().getStoreName()).isEqualTo(MeteringConfig.DEFAULT_STORE_NAME);
        assertThat(p.getAutoTrim().isEnabled() || p.getCircuitBreaker().isEnabled() || p.getPreloader().isEnabled()
                || p.getCompression().isEnabled() || p.getEncryption().isEnabled() || p.getRetention().isEnabled()).as("every decorator and the sweeper off by default").isFalse();
    }
}
