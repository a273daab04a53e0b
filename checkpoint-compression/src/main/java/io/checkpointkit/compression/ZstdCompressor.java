package io.checkpointkit.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

/**
 * Zstandard frames through zstd-jni, each with its content size (so that decompression
 * allocates exactly once, after checking the size against the bound) and a checksum (so that a
 * damaged frame fails rather than decoding to wrong bytes). Only used once {@link ZstdSupport}
 * has found the native library.
 */
final class ZstdCompressor implements StateCompressor {

    private final int level;

    ZstdCompressor(int level) {
        this.level = level;
    }

    @Override
    public CompressionCodec codec() {
        return CompressionCodec.ZSTD;
    }

    @Override
    public byte[] compress(byte[] state) {
        try (ZstdCompressCtx context = new ZstdCompressCtx()) {
            context.setLevel(level).setChecksum(true).setContentSize(true);
            byte[] compressed = context.compress(state);
            return compressed.length < state.length ? compressed : null;
        }
    }

    @Override
    public byte[] decompress(byte[] stored, int maxSize) throws CorruptStateException {
        long size;
        try {
            size = Zstd.getFrameContentSize(stored);
        } catch (RuntimeException e) {
            // zstd-jni throws instead of returning an error code for some inputs (an empty array).
            throw new CorruptStateException("it is not a zstd frame (" + e + ")", e);
        }
        if (size < 0) {
            throw new CorruptStateException("it is not a zstd frame that declares its size ("
                    + (Zstd.isError(size) ? Zstd.getErrorName(size) : "size unknown") + ")");
        }
        if (size > maxSize) {
            throw new CorruptStateException("it declares " + size + " bytes, more than maxDecompressedSize ("
                    + maxSize + " bytes)");
        }
        byte[] out = new byte[(int) size];
        int length;
        try (ZstdDecompressCtx context = new ZstdDecompressCtx()) {
            // Decompressing into an array of the declared size bounds the work: a frame that holds
            // more (or is followed by another frame) fails with "destination buffer too small".
            length = context.decompressByteArray(out, 0, out.length, stored, 0, stored.length);
        } catch (ZstdException e) {
            throw new CorruptStateException("the zstd frame is invalid (" + e.getMessage() + ")", e);
        }
        if (length != size) {
            throw new CorruptStateException("the zstd frame declares " + size + " bytes but holds " + length);
        }
        return out;
    }
}
