/**
 * The state compression decorator,
 * {@link io.checkpointkit.compression.CompressingCheckpointStore}: zstd through zstd-jni, with
 * the JDK's Deflater when the native library cannot load.
 */
module io.checkpointkit.compression {
    requires transitive io.checkpointkit;
    requires com.github.luben.zstd_jni;
    requires org.slf4j;

    exports io.checkpointkit.compression;
}
