package io.checkpointkit.compression;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.checkpointkit.compression.CompressingCheckpointStore.CODEC_METADATA_KEY;
import static io.checkpointkit.compression.CompressingCheckpointStoreTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stores written with and without the decorator, with other levels and the other codec, and by
 * a JVM where zstd cannot load, stay readable: every reader follows the codec recorded per
 * checkpoint.
 */
class CodecRecordTest {

    /** The zstd frame magic number, little-endian, as the first bytes of a zstd frame. */
    private static final byte[] ZSTD_MAGIC = {(byte) 0x28, (byte) 0xB5, (byte) 0x2F, (byte) 0xFD};

    private final CheckpointStore raw = MemoryCheckpointStore.create();

    @AfterEach
    void close() {
        raw.close();
    }

    private CompressingCheckpointStore wrap(CompressionConfig config) {
        return new CompressingCheckpointStore(raw, config, ZstdSupport.system());
    }

    private CompressingCheckpointStore wrapWithoutZstd(CompressionConfig config) {
        return new CompressingCheckpointStore(raw, config,
                ZstdSupport.unavailable(new UnsatisfiedLinkError("simulated: no native zstd here")));
    }

    @Test
    void aStateWrittenWithoutTheDecoratorIsReadAsItIsEvenWhenItLooksLikeAZstdFrame() {
        // A whole, valid zstd frame stored by a plain store: only the recorded codec decides.
        byte[] frame = new ZstdCompressor(3).compress(json(4096));
        assertThat(frame).startsWith(ZSTD_MAGIC);
        Checkpoint plain = raw.save(Checkpoint.builder("e").id("plain").state(frame).build());

        assertThat(wrap(CompressionConfig.defaults()).load("plain")).contains(plain);
    }

    @Test
    void checkpointsWrittenAtAnotherLevelOrWithDeflateAreReadByADefaultStore() {
        byte[] state = json(8192);
        wrap(CompressionConfig.builder().zstdLevel(19).build()).save(Checkpoint.builder("e").id("z19").state(state).build());
        wrap(CompressionConfig.builder().codec(CompressionCodec.DEFLATE).build())
                .save(Checkpoint.builder("e").id("d").state(state).build());
        assertThat(raw.load("d").orElseThrow().metadata()).containsEntry(CODEC_METADATA_KEY, "deflate");

        CompressingCheckpointStore reader = wrap(CompressionConfig.defaults());
        assertThat(reader.load("z19").orElseThrow().state()).isEqualTo(state);
        assertThat(reader.load("d").orElseThrow().state()).isEqualTo(state);
        assertThat(reader.stats().decompressedReads()).isEqualTo(2);
    }

    @Test
    void withoutNativeZstdTheStoreWritesDeflateThatAZstdReaderReads() {
        CompressingCheckpointStore fallback = wrapWithoutZstd(CompressionConfig.defaults());
        assertThat(fallback.activeCodec()).isEqualTo(CompressionCodec.DEFLATE);
        byte[] state = json(8192);
        fallback.save(Checkpoint.builder("e").id("c").state(state).putMetadata("k", "v").build());

        Checkpoint stored = raw.load("c").orElseThrow();
        assertThat(stored.metadata()).isEqualTo(Map.of("k", "v", CODEC_METADATA_KEY, "deflate"));
        assertThat(stored.stateSize()).isLessThan(state.length / 4);
        assertThat(fallback.load("c").orElseThrow().state()).isEqualTo(state);
        assertThat(wrap(CompressionConfig.defaults()).load("c").orElseThrow().state()).isEqualTo(state);
    }

    @Test
    void withoutNativeZstdAZstdCheckpointFailsClearlyAndOthersStayReadable() {
        wrap(CompressionConfig.defaults()).save(Checkpoint.builder("e").id("z").state(json(4096)).build());
        raw.save(Checkpoint.builder("e").id("plain").state(new byte[] {1, 2}).build());
        CompressingCheckpointStore fallback = wrapWithoutZstd(CompressionConfig.defaults());

        assertThatThrownBy(() -> fallback.load("z")).isExactlyInstanceOf(CheckpointException.class)
                .hasMessageContaining("'z'").hasMessageContaining("zstd").hasMessageContaining("simulated");
        assertThat(fallback.load("plain").orElseThrow().state()).containsExactly(1, 2);
    }

    @Test
    void theActiveCodecIsTheConfiguredOneWhenZstdLoads() {
        assertThat(ZstdSupport.system().failure()).isEmpty();
        assertThat(wrap(CompressionConfig.defaults()).activeCodec()).isEqualTo(CompressionCodec.ZSTD);
        assertThat(wrap(CompressionConfig.builder().codec(CompressionCodec.DEFLATE).build()).activeCodec())
                .isEqualTo(CompressionCodec.DEFLATE);
    }

    @Test
    void aStateCompressionDoesNotShrinkIsStoredAsGiven() {
        byte[] random = new byte[8192];
        new java.util.Random(7).nextBytes(random);
        CompressingCheckpointStore store = wrap(CompressionConfig.defaults());
        store.save(Checkpoint.builder("e").id("r").state(random).build());

        assertThat(raw.load("r").orElseThrow().metadata()).doesNotContainKey(CODEC_METADATA_KEY);
        assertThat(raw.load("r").orElseThrow().state()).isEqualTo(random);
        assertThat(store.stats().uncompressedSaves()).isEqualTo(1);
    }

    @Test
    void aStateAboveTheDecompressionBoundIsStoredAsGivenSoItStaysReadable() {
        CompressingCheckpointStore store = wrap(CompressionConfig.builder().maxDecompressedSize(4096).build());
        byte[] state = json(4097);
        store.save(Checkpoint.builder("e").id("big").state(state).build());

        assertThat(raw.load("big").orElseThrow().metadata()).doesNotContainKey(CODEC_METADATA_KEY);
        assertThat(store.load("big").orElseThrow().state()).isEqualTo(state);
    }
}
