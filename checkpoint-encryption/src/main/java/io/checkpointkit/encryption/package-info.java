/**
 * Encryption at rest for any {@link io.checkpointkit.CheckpointStore}: a decorator that encrypts
 * each checkpoint's state with AES-256-GCM, binding it to its execution and checkpoint ids.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link io.checkpointkit.encryption.EncryptingCheckpointStore} with
 *       {@link io.checkpointkit.encryption.EncryptionConfig}: the decorator, its statistics and
 *       the {@code reencrypt} pass that moves old checkpoints to the newest key;</li>
 *   <li>{@link io.checkpointkit.encryption.KeyProvider}, {@link io.checkpointkit.encryption.KeyRing}
 *       and {@link io.checkpointkit.encryption.EncryptionKey}: where the keys come from;
 *       {@link io.checkpointkit.encryption.KeyProviders} reads them from a file or an
 *       environment variable.</li>
 * </ul>
 */
package io.checkpointkit.encryption;
