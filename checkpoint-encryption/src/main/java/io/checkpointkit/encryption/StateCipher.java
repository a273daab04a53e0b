package io.checkpointkit.encryption;

import io.checkpointkit.CheckpointCorruptedException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The stored form of an encrypted state (format version 1) and the AES-256-GCM that makes and
 * reads it.
 *
 * <pre>
 * offset   size     field
 * 0        4        magic 0x89 'C' 'K' 'E' (the high bit of the first byte keeps text and JSON out)
 * 4        1        format version, 1
 * 5        1        key id length L, 1 to 64
 * 6        L        key id, ASCII
 * 6+L      12       nonce, random for every encryption
 * 18+L     n + 16   the state encrypted (n bytes), then the 16-byte GCM tag
 * </pre>
 *
 * The associated data, authenticated but not stored, is the header (bytes 0 to 18+L), then the
 * execution id and the checkpoint id, each as a 4-byte big-endian length and its UTF-8 bytes:
 * a state copied to another checkpoint or execution, or a header changed, fails the tag check.
 * The overhead is 34 + L bytes per state.
 *
 * <p>A {@link Cipher} is not thread-safe, so each call borrows one that no other call holds
 * and initialises it afresh (key, nonce or the stored nonce, associated data): from the idle
 * ones of earlier calls, at most {@value #MAX_IDLE} kept, else a new one. Looking a cipher up
 * costs about 4 µs, ten times an {@code init}: about a fifth of the cipher's own time on a 64 KiB
 * state. {@link SecureRandom} is thread-safe.
 */
final class StateCipher {

    static final byte[] MAGIC = {(byte) 0x89, 'C', 'K', 'E'};
    static final int VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final int FIXED_HEADER = MAGIC.length + 2;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /** The most ciphers kept between calls; more calls at once make theirs and drop them. */
    static final int MAX_IDLE = 16;

    private final SecureRandom random = new SecureRandom();
    private final Queue<Cipher> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** The stored bytes of {@code state} encrypted with {@code key} for one checkpoint. */
    byte[] encrypt(EncryptionKey key, String executionId, String checkpointId, byte[] state) {
        byte[] keyId = key.id().getBytes(StandardCharsets.US_ASCII);
        int headerLength = FIXED_HEADER + keyId.length + NONCE_BYTES;
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        ByteBuffer header = ByteBuffer.allocate(headerLength).put(MAGIC).put((byte) VERSION)
                .put((byte) keyId.length).put(keyId).put(nonce);
        Cipher cipher = null;
        try {
            cipher = borrow();
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(header.array(), executionId, checkpointId));
            byte[] stored = Arrays.copyOf(header.array(), headerLength + cipher.getOutputSize(state.length));
            cipher.doFinal(state, 0, state.length, stored, headerLength);
            return stored;
        } catch (GeneralSecurityException e) {
            // The JDK always has AES/GCM and the key was checked: this is a broken runtime.
            throw new IllegalStateException("AES-256-GCM encryption failed: " + e.getClass().getSimpleName(), e);
        } finally {
            giveBack(cipher);
        }
    }

    /**
     * The key id of stored bytes, read from their header.
     *
     * @throws CheckpointCorruptedException if the bytes are not in this format
     */
    static String keyIdOf(String checkpointId, byte[] stored) {
        if (stored.length < FIXED_HEADER || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CheckpointCorruptedException(checkpointId, "the state is not encrypted", null);
        }
        if (stored[MAGIC.length] != VERSION) {
            throw new CheckpointCorruptedException(checkpointId,
                    "unknown encryption format version " + (stored[MAGIC.length] & 0xff), null);
        }
        int keyIdLength = stored[MAGIC.length + 1] & 0xff;
        if (keyIdLength < 1 || keyIdLength > EncryptionKey.MAX_ID_LENGTH
                || stored.length < FIXED_HEADER + keyIdLength + NONCE_BYTES + TAG_BITS / 8) {
            throw new CheckpointCorruptedException(checkpointId, "the encryption header is damaged", null);
        }
        String keyId = new String(stored, FIXED_HEADER, keyIdLength, StandardCharsets.US_ASCII);
        try {
            return EncryptionKey.requireValidId(keyId);
        } catch (IllegalArgumentException notAnId) {
            throw new CheckpointCorruptedException(checkpointId, "the encryption header is damaged", null);
        }
    }

    /**
     * The state in stored bytes, which {@link #keyIdOf} has read and {@code key} has that id.
     *
     * @throws CheckpointCorruptedException if the tag does not match: the bytes were changed,
     *     moved from another checkpoint, or encrypted with another key of the same id
     */
    byte[] decrypt(EncryptionKey key, String executionId, String checkpointId, byte[] stored) {
        int headerLength = FIXED_HEADER + (stored[MAGIC.length + 1] & 0xff) + NONCE_BYTES;
        Cipher cipher = null;
        try {
            cipher = borrow();
            cipher.init(Cipher.DECRYPT_MODE, key.secret(),
                    new GCMParameterSpec(TAG_BITS, stored, headerLength - NONCE_BYTES, NONCE_BYTES));
            cipher.updateAAD(associatedData(Arrays.copyOf(stored, headerLength), executionId, checkpointId));
            return cipher.doFinal(stored, headerLength, stored.length - headerLength);
        } catch (AEADBadTagException badTag) {
            throw new CheckpointCorruptedException(checkpointId, "the state does not authenticate under key '"
                    + key.id() + "' (changed, moved from another checkpoint, or a different key with this id)", null);
        } catch (GeneralSecurityException e) {
            throw new CheckpointCorruptedException(checkpointId,
                    "the state cannot be decrypted: " + e.getClass().getSimpleName(), null);
        } finally {
            giveBack(cipher);
        }
    }

    /** The number of ciphers kept for later calls; for tests. */
    int idleCiphers() {
        return idleCount.get();
    }

    private Cipher borrow() throws GeneralSecurityException {
        Cipher cipher = idle.poll();
        if (cipher == null) {
            return Cipher.getInstance(TRANSFORMATION);
        }
        idleCount.decrementAndGet();
        return cipher;
    }

    /**
     * Keeps {@code cipher} for a later call, even after a failed one: every call initialises the
     * cipher it borrows before using it.
     */
    private void giveBack(Cipher cipher) {
        if (cipher == null) {
            return;
        }
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offer(cipher);
        } else {
            idleCount.decrementAndGet();
        }
    }

    private static byte[] associatedData(byte[] header, String executionId, String checkpointId) {
        byte[] execution = executionId.getBytes(StandardCharsets.UTF_8);
        byte[] checkpoint = checkpointId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(header.length + 8 + execution.length + checkpoint.length)
                .put(header).putInt(execution.length).put(execution).putInt(checkpoint.length).put(checkpoint)
                .array();
    }
}
