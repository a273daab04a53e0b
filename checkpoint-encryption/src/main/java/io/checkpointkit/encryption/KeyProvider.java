package io.checkpointkit.encryption;

/**
 * Where an {@link EncryptingCheckpointStore} gets its keys: implemented by the caller (a vault,
 * a KMS, a secrets file). The store asks when it is wrapped, then again whenever its copy is older
 * than {@link EncryptionConfig#refreshInterval()}, and at once (at most once a second) when it
 * meets a key id its copy does not know; so a key added to the source is used without a restart.
 *
 * <p>Called from the threads that use the store, one call at a time per store; other callers
 * keep using the previous ring meanwhile. It may block for I/O; it must not return null. When it
 * throws, the store keeps the ring it has, logs one warning (the exception's class and message:
 * keep key material out of them) and asks again after the next interval; only the ring asked
 * for at {@code wrap} must succeed.
 *
 * <p>{@link KeyProviders} has providers over a fixed ring, a file and an environment variable.
 */
@FunctionalInterface
public interface KeyProvider {

    /**
     * The keys to use now.
     *
     * @return the current ring, never null
     */
    KeyRing keyRing();
}
