package io.checkpointkit.encryption;

import io.checkpointkit.spi.Arguments;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key with its id. The id is stored beside every state the key encrypts, so that the
 * key that can decrypt it is found again; the key material never leaves this object except
 * into the JDK's cipher, and {@link #toString()} shows the id only.
 *
 * <p>Ids are 1 to {@value #MAX_ID_LENGTH} characters from {@code A-Z a-z 0-9 . _ -}, so they fit
 * the stored header, a file and an environment variable unchanged. Keys compare by identity (no
 * {@code equals} on secrets).
 */
public final class EncryptionKey {

    /** The length of an AES-256 key in bytes. */
    public static final int KEY_BYTES = 32;
    /** The longest key id, in characters. */
    public static final int MAX_ID_LENGTH = 64;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_ID_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final SecretKey secret;

    private EncryptionKey(String id, byte[] material) {
        this.id = id;
        this.secret = new SecretKeySpec(material, "AES");
    }

    /**
     * A key from its raw bytes, which are copied.
     *
     * @param id the key id, 1 to 64 characters from {@code A-Z a-z 0-9 . _ -}
     * @param material exactly 32 bytes
     * @return the key
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the id is not legal or the material is not 32 bytes
     *     (the message gives the length, never the bytes)
     */
    public static EncryptionKey of(String id, byte[] material) {
        requireValidId(id);
        Objects.requireNonNull(material, "material must not be null");
        Arguments.requireArgument(material.length == KEY_BYTES,
                "key '" + id + "' must be " + KEY_BYTES + " bytes (AES-256), was " + material.length);
        return new EncryptionKey(id, material.clone());
    }

    /**
     * A key from the Base64 (standard or URL-safe, padded or not) of its 32 bytes.
     *
     * @param id the key id
     * @param base64 the material in Base64
     * @return the key
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the id is not legal, the text is not Base64, or it does
     *     not decode to 32 bytes (the message never repeats the text)
     */
    public static EncryptionKey fromBase64(String id, String base64) {
        requireValidId(id);
        Objects.requireNonNull(base64, "base64 must not be null");
        byte[] material;
        try {
            String text = base64.strip().replace('-', '+').replace('_', '/');
            material = Base64.getDecoder().decode(text); // strict: a typo is an error, not skipped
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("key '" + id + "' is not valid Base64");
        }
        try {
            return of(id, material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * A new random key from a {@link SecureRandom}.
     *
     * @param id the key id
     * @return the key
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if the id is not legal
     */
    public static EncryptionKey generate(String id) {
        requireValidId(id);
        byte[] material = new byte[KEY_BYTES];
        RANDOM.nextBytes(material);
        try {
            return of(id, material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * Checks a key id.
     *
     * @param id the id
     * @return {@code id}
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if not 1 to 64 characters from {@code A-Z a-z 0-9 . _ -}
     */
    static String requireValidId(String id) {
        Objects.requireNonNull(id, "key id must not be null");
        Arguments.requireArgument(ID.matcher(id).matches(),
                "key id must be 1 to " + MAX_ID_LENGTH + " characters from A-Z a-z 0-9 . _ -, was '"
                        + printable(id) + "'");
        return id;
    }

    private static String printable(String id) {
        String cut = id.length() > MAX_ID_LENGTH ? id.substring(0, MAX_ID_LENGTH) + "…" : id;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** The key id, stored beside every state this key encrypts. */
    public String id() {
        return id;
    }

    /** The key for the JDK's cipher. */
    SecretKey secret() {
        return secret;
    }

    /** The id only; never the key material. */
    @Override
    public String toString() {
        return "EncryptionKey{id=" + id + ", material=<hidden>}";
    }
}
