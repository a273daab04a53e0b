package io.checkpointkit.springboot.autoconfigure;

import static io.checkpointkit.springboot.autoconfigure.InvalidCheckpointKitPropertyException.check;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.compression.CompressingCheckpointStore;
import io.checkpointkit.compression.CompressionCodec;
import io.checkpointkit.compression.CompressionConfig;
import org.springframework.util.unit.DataSize;

/** Compression's part of the chain; loaded only when checkpoint-compression is on the class path. */
final class CompressionSupport {

    static final String CLASS = "io.checkpointkit.compression.CompressingCheckpointStore";

    private CompressionSupport() {
    }

    static Object config(CompressionProperties p) {
        String prefix = CheckpointKitProperties.PREFIX + ".compression.";
        CompressionConfig.Builder b = CompressionConfig.builder();
        int threshold = bytes(prefix + "threshold", p.getThreshold());
        check(prefix + "threshold", () -> b.threshold(threshold));
        CompressionCodec codec = CompressionCodec.fromId(p.getCodec() == null ? "" : p.getCodec().strip().toLowerCase())
                .orElseThrow(() -> new InvalidCheckpointKitPropertyException(prefix + "codec",
                        "must be zstd or deflate, was '" + p.getCodec() + "'", null));
        check(prefix + "codec", () -> b.codec(codec));
        check(prefix + "zstd-level", () -> b.zstdLevel(p.getZstdLevel()));
        check(prefix + "deflate-level", () -> b.deflateLevel(p.getDeflateLevel()));
        int maxDecompressedSize = bytes(prefix + "max-decompressed-size", p.getMaxDecompressedSize());
        check(prefix + "max-decompressed-size", () -> b.maxDecompressedSize(maxDecompressedSize));
        return InvalidCheckpointKitPropertyException.build(prefix, b::build);
    }

    static CheckpointStore wrap(CheckpointStore chain, Object config) {
        return CompressingCheckpointStore.wrap(chain, (CompressionConfig) config);
    }

    private static int bytes(String property, DataSize size) {
        if (size == null || size.toBytes() < 0 || size.toBytes() > Integer.MAX_VALUE) {
            throw new InvalidCheckpointKitPropertyException(property, "must be 0 to " + Integer.MAX_VALUE
                    + " bytes, was " + size, null);
        }
        return (int) size.toBytes();
    }
}
