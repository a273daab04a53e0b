package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.compression.CompressingCheckpointStore;
import io.checkpointkit.compression.CompressionConfig;
import io.checkpointkit.encryption.EncryptingCheckpointStore;
import io.checkpointkit.encryption.EncryptionConfig;
import io.checkpointkit.encryption.KeyProvider;
import io.checkpointkit.encryption.KeyProviders;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How the commands see states at rest: a backend is always read through the compressing
 * decorator (a compressed state comes back as it was saved, an uncompressed one as it is; the
 * codec key never shows), through the encrypting one inside it when keys are given, and
 * compresses what it writes only when asked. Compress outside, encrypt inside: the only order
 * that saves bytes.
 */
final class StateAtRest {

    /** Compresses nothing new (no state reaches this size); still decompresses what it reads. */
    private static final CompressionConfig READ_ONLY_COMPRESSION =
            CompressionConfig.builder().threshold(Integer.MAX_VALUE).build();

    private StateAtRest() {
    }

    /**
     * The keys named by a file or a variable, at most one of them; empty when neither is given.
     *
     * @param fileOption, envOption the option names, for the error message
     * @throws IllegalArgumentException if both are given, or the keys are missing or malformed
     *     (by key id and line, never by their bytes)
     */
    static Optional<KeyProvider> keys(Path file, String variable, Map<String, String> env,
                                      String fileOption, String envOption) {
        if (file != null && variable != null) {
            throw new IllegalArgumentException(fileOption + " and " + envOption + " are exclusive: give one");
        }
        if (file != null) {
            return Optional.of(KeyProviders.file(file));
        }
        return variable == null ? Optional.empty() : Optional.of(KeyProviders.environment(env, variable));
    }

    /**
     * {@code backend} behind the decorators; closing the result closes it. If a decorator cannot
     * be made (the key provider fails) the backend is closed before the exception goes on.
     */
    static CheckpointStore wrap(CheckpointStore backend, Optional<KeyProvider> keys, boolean compress) {
        try {
            CheckpointStore store = backend;
            if (keys.isPresent()) {
                store = EncryptingCheckpointStore.wrap(store, EncryptionConfig.builder().keyProvider(keys.get()).build());
            }
            return CompressingCheckpointStore.wrap(store, compress ? CompressionConfig.defaults() : READ_ONLY_COMPRESSION);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }
}
