package io.checkpointkit.encryption;

import io.checkpointkit.spi.Arguments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys an {@link EncryptingCheckpointStore} may use at one moment: every key listed decrypts,
 * one of them (the primary) encrypts. Immutable.
 *
 * <p>Keys are listed in the order they take over; unless a primary is named, the last one is
 * the primary (the newest key encrypts). Naming an earlier key primary is how a key is rolled
 * out in two steps across many processes: first every process learns the new key (it decrypts,
 * it does not encrypt yet), then it is made the primary. See the module README.
 *
 * <pre>{@code
 * KeyRing ring = KeyRing.of(EncryptionKey.fromBase64("2026-01", old),
 *                           EncryptionKey.fromBase64("2026-06", current));   // "2026-06" encrypts
 * }</pre>
 *
 * <p>{@link #toString()} names the key ids only.
 */
public final class KeyRing {

    private final Map<String, EncryptionKey> keys;
    private final EncryptionKey primary;

    private KeyRing(Map<String, EncryptionKey> keys, EncryptionKey primary) {
        this.keys = keys;
        this.primary = primary;
    }

    /**
     * A ring of the given keys, oldest first; the last encrypts.
     *
     * @param keys one or more keys with distinct ids
     * @return the ring
     * @throws NullPointerException if the array or a key is null
     * @throws IllegalArgumentException if there is no key or two keys share an id
     */
    public static KeyRing of(EncryptionKey... keys) {
        Objects.requireNonNull(keys, "keys must not be null");
        return of(List.of(keys));
    }

    /**
     * A ring of the given keys, oldest first; the last encrypts.
     *
     * @param keys one or more keys with distinct ids
     * @return the ring
     * @throws NullPointerException if the list or a key is null
     * @throws IllegalArgumentException if there is no key or two keys share an id
     */
    public static KeyRing of(List<EncryptionKey> keys) {
        Objects.requireNonNull(keys, "keys must not be null");
        Arguments.requireArgument(!keys.isEmpty(), "a key ring needs at least one key");
        return of(keys, keys.get(keys.size() - 1).id());
    }

    /**
     * A ring of the given keys whose primary (encrypting) key is named.
     *
     * @param keys one or more keys with distinct ids
     * @param primaryKeyId the id of the key that encrypts; one of {@code keys}
     * @return the ring
     * @throws NullPointerException if an argument or a key is null
     * @throws IllegalArgumentException if there is no key, two keys share an id, or no key has
     *     the primary id
     */
    public static KeyRing of(List<EncryptionKey> keys, String primaryKeyId) {
        Objects.requireNonNull(keys, "keys must not be null");
        Objects.requireNonNull(primaryKeyId, "primaryKeyId must not be null");
        Arguments.requireArgument(!keys.isEmpty(), "a key ring needs at least one key");
        Map<String, EncryptionKey> byId = new LinkedHashMap<>();
        for (EncryptionKey key : keys) {
            Objects.requireNonNull(key, "keys must not contain null");
            Arguments.requireArgument(byId.putIfAbsent(key.id(), key) == null,
                    "key id '" + key.id() + "' is listed twice");
        }
        EncryptionKey primary = byId.get(primaryKeyId);
        Arguments.requireArgument(primary != null,
                "primary key '" + primaryKeyId + "' is not in the ring " + byId.keySet());
        return new KeyRing(Collections.unmodifiableMap(byId), primary);
    }

    /** The key that encrypts every new state. */
    public EncryptionKey primary() {
        return primary;
    }

    /**
     * The key with an id.
     *
     * @param keyId the id
     * @return the key, or empty when the ring has none with this id
     */
    public Optional<EncryptionKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** The ids of every key, in the order they were listed. */
    public List<String> keyIds() {
        return List.copyOf(new ArrayList<>(keys.keySet()));
    }

    /** The key ids and which one is primary; never key material. */
    @Override
    public String toString() {
        return "KeyRing{keyIds=" + keys.keySet() + ", primary=" + primary.id() + '}';
    }
}
