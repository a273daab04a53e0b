package io.checkpointkit.compression;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Deflate in the zlib format (its Adler-32 checksum catches damaged bytes), JDK only. */
final class DeflateCompressor implements StateCompressor {

    private final int level;

    DeflateCompressor(int level) {
        this.level = level;
    }

    @Override
    public CompressionCodec codec() {
        return CompressionCodec.DEFLATE;
    }

    @Override
    public byte[] compress(byte[] state) {
        // The output buffer is one byte shorter than the state: a form that does not fit does
        // not shrink the state, and is abandoned without being finished.
        if (state.length < 2) {
            return null;
        }
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(state);
            deflater.finish();
            byte[] out = new byte[state.length - 1];
            int length = 0;
            while (!deflater.finished()) {
                if (length == out.length) {
                    return null;
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            return Arrays.copyOf(out, length);
        } finally {
            deflater.end();
        }
    }

    @Override
    public byte[] decompress(byte[] stored, int maxSize) throws CorruptStateException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored);
            // Grows by doubling up to maxSize + 1 bytes: reaching that last byte proves a bomb.
            byte[] out = new byte[(int) Math.min((long) maxSize + 1, Math.max(64L, stored.length * 4L))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (out.length > maxSize) {
                        throw new CorruptStateException("it decompresses to more than maxDecompressedSize ("
                                + maxSize + " bytes)");
                    }
                    out = Arrays.copyOf(out, (int) Math.min((long) maxSize + 1, out.length * 2L));
                }
                int n = inflater.inflate(out, length, out.length - length);
                length += n;
                if (n == 0 && !inflater.finished() && length < out.length) {
                    // No progress with room left: the input ended early or needs a dictionary.
                    throw new CorruptStateException("the deflate stream ends early");
                }
            }
            if (inflater.getRemaining() > 0) {
                throw new CorruptStateException("bytes follow the end of the deflate stream");
            }
            return length == out.length ? out : Arrays.copyOf(out, length);
        } catch (DataFormatException e) {
            throw new CorruptStateException("the deflate stream is invalid (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }
}
