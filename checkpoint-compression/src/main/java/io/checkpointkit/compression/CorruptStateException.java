package io.checkpointkit.compression;

/**
 * Compressed bytes that cannot be decompressed; the decorator turns it into a
 * {@link io.checkpointkit.CheckpointCorruptedException} naming the checkpoint.
 */
final class CorruptStateException extends Exception {

    private static final long serialVersionUID = 1L;

    CorruptStateException(String message) {
        super(message);
    }

    CorruptStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
