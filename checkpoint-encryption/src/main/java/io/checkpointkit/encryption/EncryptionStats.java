package io.checkpointkit.encryption;

/**
 * A snapshot of an {@link EncryptingCheckpointStore}'s counters, for metrics.
 *
 * @param encryptions states encrypted (saves, and rewrites by {@code reencrypt})
 * @param decryptions states decrypted successfully
 * @param corrupted states that could not be decrypted (each one a
 *     {@link io.checkpointkit.CheckpointCorruptedException})
 * @param keyRingRefreshes successful calls of the key provider after the first
 * @param keyRingRefreshFailures calls of the key provider that failed (the previous ring was kept)
 */
public record EncryptionStats(long encryptions, long decryptions, long corrupted,
                              long keyRingRefreshes, long keyRingRefreshFailures) {
}
