package io.checkpointkit.encryption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ready-made {@link KeyProvider}s: a fixed ring, a key file that is read again on every refresh
 * (so rotation is editing the file), and an environment variable (for the CLI and containers).
 *
 * <p>The text format of the file and the variable: one key per entry, {@code <key id>=<Base64 of
 * 32 bytes>}; entries are separated by line breaks or commas; blank entries and lines starting
 * with {@code #} are ignored. Keys are listed oldest first and the last one encrypts; to roll a
 * key out in two steps, add it above the current one first (it decrypts everywhere), then move
 * it to the end (it encrypts).
 *
 * <pre>{@code
 * # checkpoint keys: the last one encrypts
 * 2026-01=q5Jd0m3lK3S0lqkA0zT9o3yPpW8b2cJm5n1xR4vT6uE=
 * 2026-06=8Hn2V7cWkL1pQ9sR3tY6uI0oP4aS5dF7gJ2hK8lZ1xM=
 * }</pre>
 *
 * A key can be made with {@code openssl rand -base64 32}. Errors name the source and the line,
 * never a key's material.
 */
public final class KeyProviders {

    private KeyProviders() {
    }

    /**
     * A provider that always returns the same ring.
     *
     * @param ring the ring
     * @return the provider
     * @throws NullPointerException if {@code ring} is null
     */
    public static KeyProvider fixed(KeyRing ring) {
        Objects.requireNonNull(ring, "ring must not be null");
        return () -> ring;
    }

    /**
     * A provider that reads a key file each time it is asked, so a key added to the file is used
     * at the store's next refresh. The file is read once here, so that a missing or malformed
     * file fails now.
     *
     * @param file the key file (see the class comment for the format)
     * @return the provider
     * @throws NullPointerException if {@code file} is null
     * @throws UncheckedIOException if the file cannot be read (the message names it)
     * @throws IllegalArgumentException if the file holds no key or a malformed entry
     */
    public static KeyProvider file(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        KeyProvider provider = () -> parse(read(file), "key file " + file);
        provider.keyRing();
        return provider;
    }

    /**
     * A provider over an environment variable of this process, read once (the environment of a
     * running process does not change).
     *
     * @param variable the name of the variable (see the class comment for the format)
     * @return the provider
     * @throws NullPointerException if {@code variable} is null
     * @throws IllegalArgumentException if the variable is not set, holds no key or a malformed
     *     entry
     */
    public static KeyProvider environment(String variable) {
        return environment(System.getenv(), variable);
    }

    /**
     * A provider over a variable of the given environment, read once.
     *
     * @param environment the environment, for example {@link System#getenv()}
     * @param variable the name of the variable
     * @return the provider
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the variable is not set, holds no key or a malformed
     *     entry
     */
    public static KeyProvider environment(Map<String, String> environment, String variable) {
        Objects.requireNonNull(environment, "environment must not be null");
        Objects.requireNonNull(variable, "variable must not be null");
        String text = environment.get(variable);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " is not set");
        }
        return fixed(parse(text, "environment variable " + variable));
    }

    /**
     * Reads a ring from text in the format of the class comment.
     *
     * @param text the entries
     * @param source what the text is, for error messages (a file name, a variable name)
     * @return the ring
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if there is no key or an entry is malformed; the message
     *     names the source and the entry's line, never key material
     */
    public static KeyRing parse(String text, String source) {
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(source, "source must not be null");
        List<EncryptionKey> keys = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int line = 0; line < lines.length; line++) {
            for (String entry : lines[line].split(",")) {
                String trimmed = entry.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                // "<Base64>=" (a key pasted without its id) must not be echoed as an id.
                if (equals <= 0 || trimmed.substring(equals + 1).replace("=", "").isBlank()) {
                    throw new IllegalArgumentException(source + ", line " + (line + 1)
                            + ": expected <key id>=<Base64 of 32 bytes>");
                }
                try {
                    keys.add(EncryptionKey.fromBase64(trimmed.substring(0, equals).strip(),
                            trimmed.substring(equals + 1)));
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(source + ", line " + (line + 1) + ": " + bad.getMessage());
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no key");
        }
        try {
            return KeyRing.of(keys);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(source + ": " + bad.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
