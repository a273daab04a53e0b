package io.checkpointkit.compression;

/**
 * One codec's compress and decompress. Implementations are stateless and thread-safe (each call
 * makes and frees what it needs).
 */
interface StateCompressor {

    /** The codec this compressor writes and reads. */
    CompressionCodec codec();

    /**
     * Compresses a state.
     *
     * @param state the state, not modified
     * @return the compressed form, or null when it would not be shorter than {@code state}
     */
    byte[] compress(byte[] state);

    /**
     * Decompresses what {@link #compress} wrote, allocating at most {@code maxSize} bytes for the
     * result (plus a small constant).
     *
     * @param stored the compressed form
     * @param maxSize the largest result accepted
     * @return the state
     * @throws CorruptStateException if {@code stored} is not a whole, intact compressed form, or
     *     decompresses to more than {@code maxSize} bytes
     */
    byte[] decompress(byte[] stored, int maxSize) throws CorruptStateException;
}
