package io.checkpointkit.springboot.autoconfigure;

import org.springframework.util.unit.DataSize;

/**
 * {@code checkpointkit.compression.*}: CompressingCheckpointStore (needs checkpoint-compression).
 * Every default equals the library's {@code CompressionConfig.DEFAULT_*}.
 */
public class CompressionProperties {

    /** Whether states are compressed on their way to the store (compress, then encrypt). */
    private boolean enabled = false;

    /** The size from which a state is compressed; a shorter one is stored as it is. */
    private DataSize threshold = DataSize.ofKilobytes(1);

    /** What new states are written with: zstd (zstd-jni; Deflate when its native library cannot load) or deflate (JDK). */
    private String codec = "zstd";

    /** The zstd level, 1 to 22. */
    private int zstdLevel = 3;

    /** The Deflate level, 1 to 9; used with codec deflate and after a zstd fallback. */
    private int deflateLevel = 6;

    /** The largest size a compressed state may decompress to; more is reported as corruption. */
    private DataSize maxDecompressedSize = DataSize.ofMegabytes(64);

    /** Creates the group with its defaults; Spring binds it. */
    public CompressionProperties() {
    }

    /** @return whether compression is on */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled whether compression is on */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the size from which a state is compressed */
    public DataSize getThreshold() {
        return threshold;
    }

    /** @param threshold the size from which a state is compressed */
    public void setThreshold(DataSize threshold) {
        this.threshold = threshold;
    }

    /** @return the codec id new states are written with: {@code zstd} or {@code deflate} */
    public String getCodec() {
        return codec;
    }

    /** @param codec the codec id new states are written with: {@code zstd} or {@code deflate} */
    public void setCodec(String codec) {
        this.codec = codec;
    }

    /** @return the zstd level */
    public int getZstdLevel() {
        return zstdLevel;
    }

    /** @param zstdLevel the zstd level */
    public void setZstdLevel(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    /** @return the Deflate level */
    public int getDeflateLevel() {
        return deflateLevel;
    }

    /** @param deflateLevel the Deflate level */
    public void setDeflateLevel(int deflateLevel) {
        this.deflateLevel = deflateLevel;
    }

    /** @return the largest size a compressed state may decompress to */
    public DataSize getMaxDecompressedSize() {
        return maxDecompressedSize;
    }

    /** @param maxDecompressedSize the largest size a compressed state may decompress to */
    public void setMaxDecompressedSize(DataSize maxDecompressedSize) {
        this.maxDecompressedSize = maxDecompressedSize;
    }
}
