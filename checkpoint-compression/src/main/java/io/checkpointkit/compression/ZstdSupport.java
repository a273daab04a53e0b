package io.checkpointkit.compression;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.util.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether zstd-jni's native library works in this JVM. Loading it can fail (an unsupported
 * platform, a read-only or noexec temporary directory, a missing jar): that is found once, by a
 * round trip through the library, reported as a value instead of an error, and logged once.
 */
final class ZstdSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CompressingCheckpointStore.class);

    private final Throwable failure;
    private final AtomicBoolean warned = new AtomicBoolean();

    private ZstdSupport(Throwable failure) {
        this.failure = failure;
    }

    /** This JVM's answer, found on first use. */
    static ZstdSupport system() {
        return SystemHolder.INSTANCE;
    }

    /** A support that reports the library unavailable for the given reason (tests force the fallback with it). */
    static ZstdSupport unavailable(Throwable reason) {
        return new ZstdSupport(reason);
    }

    /** Why the library cannot be used, or empty when it can. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    boolean available() {
        return failure == null;
    }

    /** Logs, the first time only, that stores write {@code fallback} instead of zstd. */
    void warnFallbackOnce(CompressionCodec fallback) {
        if (failure != null && warned.compareAndSet(false, true)) {
            LOG.warn("zstd-jni's native library cannot be used on this machine ({}); compressing stores write {}"
                    + " instead and cannot read zstd checkpoints", describe(failure), fallback);
        }
    }

    static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static Throwable probe() {
        try {
            Native.load();
            byte[] sample = "zstd probe zstd probe zstd probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] back = Zstd.decompress(Zstd.compress(sample), sample.length);
            return Arrays.equals(sample, back) ? null : new IllegalStateException("zstd round trip changed the bytes");
        } catch (LinkageError | RuntimeException e) {
            return e;
        }
    }

    private static final class SystemHolder {
        static final ZstdSupport INSTANCE = new ZstdSupport(probe());
    }
}
