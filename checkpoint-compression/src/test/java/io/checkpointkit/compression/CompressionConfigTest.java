package io.checkpointkit.compression;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressionConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        CompressionConfig config = CompressionConfig.defaults();
        assertThat(config.threshold()).isEqualTo(1024);
        assertThat(config.codec()).isEqualTo(CompressionCodec.ZSTD);
        assertThat(config.zstdLevel()).isEqualTo(CompressionConfig.DEFAULT_ZSTD_LEVEL);
        assertThat(config.deflateLevel()).isEqualTo(6);
        assertThat(config.maxDecompressedSize()).isEqualTo(64 * 1024 * 1024);
    }

    @Test
    void toBuilderKeepsEverySetting() {
        CompressionConfig config = CompressionConfig.builder().threshold(0).codec(CompressionCodec.DEFLATE)
                .zstdLevel(19).deflateLevel(1).maxDecompressedSize(10).build();
        assertThat(config.toBuilder().build()).isEqualTo(config).isNotEqualTo(CompressionConfig.defaults());
    }

    @Test
    void outOfRangeSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> CompressionConfig.builder().threshold(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> CompressionConfig.builder().zstdLevel(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zstdLevel");
        assertThatThrownBy(() -> CompressionConfig.builder().zstdLevel(23))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zstdLevel");
        assertThatThrownBy(() -> CompressionConfig.builder().deflateLevel(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deflateLevel");
        assertThatThrownBy(() -> CompressionConfig.builder().maxDecompressedSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDecompressedSize");
        assertThatThrownBy(() -> CompressionConfig.builder().codec(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("codec");
    }

    @Test
    void wrapRefusesNulls() {
        assertThatThrownBy(() -> CompressingCheckpointStore.wrap(null, CompressionConfig.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("store");
        assertThatThrownBy(() -> CompressingCheckpointStore.wrap(io.checkpointkit.memory.MemoryCheckpointStore.create(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("config");
    }
}
