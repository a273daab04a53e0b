package io.checkpointkit.sqlite.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * File names of the per-execution layout. A name is a readable hint (up to 32 lower-case ASCII
 * letters and digits taken from the id) followed by the SHA-256 of the id's UTF-8 bytes in hex.
 * The hash makes distinct ids map to distinct names, also on case-insensitive file systems; the
 * name never holds a separator, a dot segment or a reserved device name ({@code CON},
 * {@code NUL}: the hash suffix keeps it from being one), and it is at most 100 bytes long,
 * whatever the id's length. The index maps names back to execution ids.
 */
public final class FileNames {

    /** The file name of the per-execution layout's index database. */
    public static final String INDEX_FILE = "index.sqlite";

    private static final int HINT_LENGTH = 32;

    private FileNames() {
    }

    /** The database file name of an execution. */
    public static String forExecution(String executionId) {
        StringBuilder hint = new StringBuilder(HINT_LENGTH);
        String lower = executionId.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length() && hint.length() < HINT_LENGTH; i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                hint.append(c);
            }
        }
        return (hint.length() == 0 ? "x" : hint) + "_" + sha256Hex(executionId) + ".db";
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(64);
            for (byte b : digest) {
                sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
