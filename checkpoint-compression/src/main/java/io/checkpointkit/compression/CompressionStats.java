package io.checkpointkit.compression;

/**
 * A snapshot of the counters of a {@link CompressingCheckpointStore}, cumulative since it was
 * made.
 *
 * @param compressedSaves saves that stored a compressed state
 * @param uncompressedSaves saves that stored the state as it was (below the threshold, above
 *     {@link CompressionConfig#maxDecompressedSize()}, or not made shorter by compression)
 * @param stateBytes bytes of the states given to {@code save}, compressed or not
 * @param storedBytes bytes of the states handed to the wrapped store
 * @param decompressedReads checkpoints decompressed by {@code load}, {@code latest} and {@code list}
 */
public record CompressionStats(
        long compressedSaves,
        long uncompressedSaves,
        long stateBytes,
        long storedBytes,
        long decompressedReads) {

    /** {@code storedBytes / stateBytes}: 1.0 before any save, and below 1 as compression saves space. */
    public double storedRatio() {
        return stateBytes == 0 ? 1.0 : (double) storedBytes / stateBytes;
    }
}
