package io.checkpointkit.compression;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.memory.MemoryCheckpointStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static io.checkpointkit.compression.CompressingCheckpointStore.CODEC_METADATA_KEY;
import static io.checkpointkit.compression.CompressingCheckpointStoreTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Damaged compressed bytes and decompression bombs give a {@link CheckpointCorruptedException}
 * naming the checkpoint, for each codec, while the other checkpoints stay readable.
 */
class DamagedStateTest {

    private final CheckpointStore raw = MemoryCheckpointStore.create();

    @AfterEach
    void close() {
        raw.close();
    }

    private static CompressionConfig config(CompressionCodec codec) {
        return CompressionConfig.builder().codec(codec).build();
    }

    private CompressingCheckpointStore store(CompressionConfig config) {
        return new CompressingCheckpointStore(raw, config, ZstdSupport.system());
    }

    /** Saves a compressed checkpoint and a healthy neighbour, then replaces the first one's stored bytes. */
    private CompressingCheckpointStore withStoredBytes(CompressionCodec codec, java.util.function.UnaryOperator<byte[]> damage) {
        CompressingCheckpointStore store = store(config(codec));
        store.save(Checkpoint.builder("e").id("bad").state(json(16 * 1024)).build());
        store.save(Checkpoint.builder("e").id("good").state(json(2048)).build());
        Checkpoint stored = raw.load("bad").orElseThrow();
        raw.save(stored.toBuilder().version(0).state(damage.apply(stored.state())).build());
        return store;
    }

    private static void assertCorrupted(CompressingCheckpointStore store, String reason) {
        assertThatThrownBy(() -> store.load("bad")).isInstanceOf(CheckpointCorruptedException.class)
                .hasMessageContaining("'bad'").hasMessageContaining(reason)
                .satisfies(e -> assertThat(((CheckpointCorruptedException) e).checkpointId()).isEqualTo("bad"));
        assertThatThrownBy(() -> store.list("e")).isInstanceOf(CheckpointCorruptedException.class);
        assertThat(store.load("good").orElseThrow().state()).isEqualTo(json(2048));
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void aFlippedBitInTheMiddleIsCorruption(CompressionCodec codec) {
        CompressingCheckpointStore store = withStoredBytes(codec, bytes -> {
            byte[] copy = bytes.clone();
            copy[copy.length / 2] ^= 0x10;
            return copy;
        });
        assertCorrupted(store, "cannot be decompressed");
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void aFlippedBitInTheChecksumIsCorruption(CompressionCodec codec) {
        CompressingCheckpointStore store = withStoredBytes(codec, bytes -> {
            byte[] copy = bytes.clone();
            copy[copy.length - 1] ^= 0x01;
            return copy;
        });
        assertCorrupted(store, "cannot be decompressed");
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void aTruncatedStateIsCorruption(CompressionCodec codec) {
        assertCorrupted(withStoredBytes(codec, bytes -> Arrays.copyOf(bytes, bytes.length - 7)), "cannot be decompressed");
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void bytesAfterTheStreamAreCorruption(CompressionCodec codec) {
        assertCorrupted(withStoredBytes(codec, bytes -> Arrays.copyOf(bytes, bytes.length + 3)), "cannot be decompressed");
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void anEmptyStateIsCorruption(CompressionCodec codec) {
        assertCorrupted(withStoredBytes(codec, bytes -> new byte[0]), "cannot be decompressed");
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void aStateDecompressingBeyondTheBoundIsABombNotAnAllocation(CompressionCodec codec) {
        // 64 MiB of zeros compress to a few KiB; a reader bounded at 1 MiB must refuse it.
        byte[] bomb = codec == CompressionCodec.ZSTD
                ? new ZstdCompressor(3).compress(new byte[64 * 1024 * 1024])
                : new DeflateCompressor(9).compress(new byte[64 * 1024 * 1024]);
        raw.save(Checkpoint.builder("e").id("bad").state(bomb).putMetadata(CODEC_METADATA_KEY, codec.id()).build());
        raw.save(Checkpoint.builder("e").id("good").state(json(2048)).build());

        assertCorrupted(store(config(codec).toBuilder().maxDecompressedSize(1024 * 1024).build()), "maxDecompressedSize");
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void aStateExactlyAtTheBoundIsRead(CompressionCodec codec) {
        byte[] state = json(4096);
        store(config(codec)).save(Checkpoint.builder("e").id("c").state(state).build());

        assertThat(store(config(codec).toBuilder().maxDecompressedSize(4096).build()).load("c").orElseThrow().state())
                .isEqualTo(state);
    }

    @ParameterizedTest
    @EnumSource(CompressionCodec.class)
    void anUnknownCodecIsCorruption(CompressionCodec codec) {
        raw.save(Checkpoint.builder("e").id("bad").state(new byte[] {1}).putMetadata(CODEC_METADATA_KEY, "lz4").build());
        raw.save(Checkpoint.builder("e").id("good").state(json(2048)).build());

        assertCorrupted(store(config(codec)), "unknown codec 'lz4'");
    }
}
