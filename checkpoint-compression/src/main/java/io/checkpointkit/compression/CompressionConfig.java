package io.checkpointkit.compression;

import io.checkpointkit.spi.Arguments;

import java.util.Objects;

/**
 * The settings of a {@link CompressingCheckpointStore}; immutable once built.
 *
 * <pre>{@code
 * CompressionConfig config = CompressionConfig.builder().threshold(4096).zstdLevel(3).build();
 * }</pre>
 */
public final class CompressionConfig {

    /** Default {@link Builder#threshold}: states of 1 KiB (1024 bytes) or more are compressed. */
    public static final int DEFAULT_THRESHOLD = 1024;
    /** Default {@link Builder#codec}: {@link CompressionCodec#ZSTD}. */
    public static final CompressionCodec DEFAULT_CODEC = CompressionCodec.ZSTD;
    /** Default {@link Builder#zstdLevel}: 3 (zstd's own default; see the module README for the measurement). */
    public static final int DEFAULT_ZSTD_LEVEL = 3;
    /** Default {@link Builder#deflateLevel}: 6 (zlib's own default). */
    public static final int DEFAULT_DEFLATE_LEVEL = 6;
    /** Default {@link Builder#maxDecompressedSize}: 64 MiB, four times the 16 MiB every store must hold. */
    public static final int DEFAULT_MAX_DECOMPRESSED_SIZE = 64 * 1024 * 1024;

    /** The lowest zstd level accepted (the fastest of the regular levels). */
    public static final int MIN_ZSTD_LEVEL = 1;
    /** The highest zstd level accepted. */
    public static final int MAX_ZSTD_LEVEL = 22;
    /** The largest {@link Builder#maxDecompressedSize}: the largest array a JVM allocates. */
    public static final int MAX_MAX_DECOMPRESSED_SIZE = Integer.MAX_VALUE - 8;

    private static final CompressionConfig DEFAULTS = builder().build();

    private final int threshold;
    private final CompressionCodec codec;
    private final int zstdLevel;
    private final int deflateLevel;
    private final int maxDecompressedSize;

    private CompressionConfig(Builder b) {
        this.threshold = b.threshold;
        this.codec = b.codec;
        this.zstdLevel = b.zstdLevel;
        this.deflateLevel = b.deflateLevel;
        this.maxDecompressedSize = b.maxDecompressedSize;
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configuration with every default. */
    public static CompressionConfig defaults() {
        return DEFAULTS;
    }

    /** A builder holding this configuration's settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.threshold = threshold;
        b.codec = codec;
        b.zstdLevel = zstdLevel;
        b.deflateLevel = deflateLevel;
        b.maxDecompressedSize = maxDecompressedSize;
        return b;
    }

    /** The state size in bytes from which states are compressed; smaller states are stored as they are. */
    public int threshold() {
        return threshold;
    }

    /** The codec new states are written with (ZSTD falls back to DEFLATE when zstd cannot load). */
    public CompressionCodec codec() {
        return codec;
    }

    /** The zstd compression level. */
    public int zstdLevel() {
        return zstdLevel;
    }

    /** The Deflate compression level. */
    public int deflateLevel() {
        return deflateLevel;
    }

    /**
     * The largest state, in bytes, a compressed checkpoint may decompress to; a larger one is read
     * as corrupted (a decompression bomb), and a larger state is stored uncompressed.
     */
    public int maxDecompressedSize() {
        return maxDecompressedSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompressionConfig c && threshold == c.threshold && codec == c.codec
                && zstdLevel == c.zstdLevel && deflateLevel == c.deflateLevel
                && maxDecompressedSize == c.maxDecompressedSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(threshold, codec, zstdLevel, deflateLevel, maxDecompressedSize);
    }

    @Override
    public String toString() {
        return "CompressionConfig{threshold=" + threshold + ", codec=" + codec + ", zstdLevel=" + zstdLevel
                + ", deflateLevel=" + deflateLevel + ", maxDecompressedSize=" + maxDecompressedSize + '}';
    }

    /** Builds a {@link CompressionConfig}; every setting starts at its {@code DEFAULT_*}. */
    public static final class Builder {

        private int threshold = DEFAULT_THRESHOLD;
        private CompressionCodec codec = DEFAULT_CODEC;
        private int zstdLevel = DEFAULT_ZSTD_LEVEL;
        private int deflateLevel = DEFAULT_DEFLATE_LEVEL;
        private int maxDecompressedSize = DEFAULT_MAX_DECOMPRESSED_SIZE;

        private Builder() {
        }

        /**
         * The state size from which states are compressed, in bytes, 0 or more; default
         * {@value CompressionConfig#DEFAULT_THRESHOLD}. A state shorter than this is stored as it
         * is, and so is any state its compressed form would not make shorter.
         *
         * @param bytes the smallest state that is compressed, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder threshold(int bytes) {
            this.threshold = Arguments.requireNotNegative(bytes, "threshold");
            return this;
        }

        /**
         * The codec new states are written with; default {@link CompressionCodec#ZSTD}. With
         * ZSTD, when zstd-jni's native library cannot load on this machine, the store writes
         * DEFLATE instead and logs one warning. Reading does not depend on this setting: every
         * checkpoint is read with the codec recorded with it.
         *
         * @param codec the codec to write with
         * @return this builder
         * @throws NullPointerException if {@code codec} is null
         */
        public Builder codec(CompressionCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec must not be null");
            return this;
        }

        /**
         * The zstd level, from {@value CompressionConfig#MIN_ZSTD_LEVEL} to
         * {@value CompressionConfig#MAX_ZSTD_LEVEL}; default {@value CompressionConfig#DEFAULT_ZSTD_LEVEL}.
         * Checkpoints written at any level are read alike.
         *
         * @param level the zstd level, 1 to 22
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder zstdLevel(int level) {
            this.zstdLevel = Arguments.requireBetween(level, MIN_ZSTD_LEVEL, MAX_ZSTD_LEVEL, "zstdLevel");
            return this;
        }

        /**
         * The Deflate level, from 1 to 9; default {@value CompressionConfig#DEFAULT_DEFLATE_LEVEL}.
         * Used when the codec is DEFLATE, or ZSTD falling back to it.
         *
         * @param level the Deflate level, 1 to 9
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder deflateLevel(int level) {
            this.deflateLevel = Arguments.requireBetween(level, 1, 9, "deflateLevel");
            return this;
        }

        /**
         * The largest state a compressed checkpoint may decompress to, in bytes, from 1 to
         * {@value CompressionConfig#MAX_MAX_DECOMPRESSED_SIZE}; default 64 MiB
         * ({@value CompressionConfig#DEFAULT_MAX_DECOMPRESSED_SIZE}). A checkpoint that would
         * decompress to more is reported as corrupted without allocating more than this bound
         * (a decompression bomb cannot exhaust memory), and a state larger than this bound is
         * stored uncompressed, so that this store can always read what it wrote.
         *
         * @param bytes the bound, 1 to {@code Integer.MAX_VALUE - 8}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxDecompressedSize(int bytes) {
            this.maxDecompressedSize = Arguments.requireBetween(bytes, 1, MAX_MAX_DECOMPRESSED_SIZE,
                    "maxDecompressedSize");
            return this;
        }

        /** @return the configuration */
        public CompressionConfig build() {
            return new CompressionConfig(this);
        }
    }
}
