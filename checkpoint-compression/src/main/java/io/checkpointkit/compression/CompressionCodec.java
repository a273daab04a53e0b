package io.checkpointkit.compression;

import java.util.Optional;

/**
 * A compression format a {@link CompressingCheckpointStore} writes and reads. The format of each
 * stored checkpoint is recorded with it (see {@link CompressingCheckpointStore#CODEC_METADATA_KEY}),
 * so a reader decodes every format whatever its own configuration writes.
 */
public enum CompressionCodec {

    /**
     * Zstandard through zstd-jni's native library, frames with the content size and a checksum.
     * When the native library cannot load, a store configured with it writes {@link #DEFLATE}.
     */
    ZSTD("zstd"),

    /** The JDK's Deflate ({@link java.util.zip.Deflater}, zlib format with its Adler-32 checksum). */
    DEFLATE("deflate");

    private final String id;

    CompressionCodec(String id) {
        this.id = id;
    }

    /** The value recorded under {@link CompressingCheckpointStore#CODEC_METADATA_KEY}: {@code zstd} or {@code deflate}. */
    public String id() {
        return id;
    }

    /**
     * The codec recorded as {@code id}.
     *
     * @param id a recorded codec id
     * @return the codec, or empty when no codec has that id
     */
    public static Optional<CompressionCodec> fromId(String id) {
        for (CompressionCodec codec : values()) {
            if (codec.id.equals(id)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }
}
