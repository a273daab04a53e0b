/**
 * State compression as a decorator: states at or above a size threshold are compressed (zstd,
 * or Deflate when zstd's native library cannot load) on the way into any store and
 * decompressed on the way out; the codec of each checkpoint is recorded in a reserved metadata
 * key that users never see.
 *
 * <p>Entry points: {@link io.checkpointkit.compression.CompressingCheckpointStore#wrap} with a
 * {@link io.checkpointkit.compression.CompressionConfig}; its statistics are
 * {@link io.checkpointkit.compression.CompressionStats}.
 */
package io.checkpointkit.compression;
