package io.checkpointkit.spi;

import java.util.Objects;

/**
 * The rules for checkpoint and execution ids, shared by every backend so none writes them again.
 *
 * <p>An id is 1 to {@value #MAX_LENGTH} characters (Unicode code points) long and contains no
 * ISO control character ({@link Character#isISOControl(int)}) and no unpaired surrogate (which
 * is not a character and cannot be encoded as UTF-8). Every other character is legal, including
 * {@code / .. ' " % : { } *}, spaces and emoji, and must round-trip in every backend.
 *
 * <p>Ids are ordered by Unicode code point ({@link #compare(String, String)}), which is the byte
 * order of their UTF-8 encoding, not {@link String#compareTo(String)}.
 */
public final class Ids {

    /** The longest legal id, in Unicode code points. */
    public static final int MAX_LENGTH = 512;

    private Ids() {
    }

    /**
     * Checks that {@code id} is a legal id.
     *
     * @param id the id to check
     * @param argumentName the name of the argument, used in the exception message
     * @return {@code id}
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is empty, longer than {@value #MAX_LENGTH}
     *     code points, or contains a control character or an unpaired surrogate
     */
    public static String requireValid(String id, String argumentName) {
        Objects.requireNonNull(id, () -> argumentName + " must not be null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException(argumentName + " must not be empty");
        }
        int codePoints = 0;
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            if (Character.isISOControl(cp)) {
                throw new IllegalArgumentException(String.format(
                        "%s must not contain control characters, found U+%04X at index %d",
                        argumentName, cp, i));
            }
            if (Character.isSurrogate((char) cp) && Character.charCount(cp) == 1) {
                throw new IllegalArgumentException(String.format(
                        "%s must not contain an unpaired surrogate, found U+%04X at index %d",
                        argumentName, cp, i));
            }
            i += Character.charCount(cp);
            codePoints++;
        }
        if (codePoints > MAX_LENGTH) {
            throw new IllegalArgumentException(String.format(
                    "%s must be at most %d characters long, was %d",
                    argumentName, MAX_LENGTH, codePoints));
        }
        return id;
    }

    /**
     * Compares two ids by Unicode code point: the order of their UTF-8 bytes, {@code COLLATE "C"}
     * in PostgreSQL, {@code BINARY} in SQLite, member order in a Redis sorted set.
     *
     * @param a an id
     * @param b another id
     * @return a negative number, zero or a positive number as {@code a} is before, equal to or
     *     after {@code b}
     */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
