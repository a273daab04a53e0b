package io.checkpointkit.langchain4j;

import dev.langchain4j.agentic.scope.AgenticScopeKey;
import io.checkpointkit.spi.Ids;

import java.util.Optional;
import java.util.UUID;

/**
 * The bijection between an {@link AgenticScopeKey} and an execution id.
 *
 * <p>An execution id is {@code lc4j:<type>:<agentId>:<memoryId>}: the {@link #PREFIX}, one letter
 * for the memory id's type ({@code s} String, {@code i} Integer, {@code l} Long, {@code u} UUID),
 * then the agent id and the memory id's text, each escaped. Escaping replaces {@code %},
 * {@code :} and every ISO control character by {@code %XX} (two upper-case hex digits; all of them
 * are below U+0100) and an unpaired surrogate by {@code %uXXXX}; every other character stands
 * for itself. So an escaped part never contains {@code :}, the two separators are found again,
 * and the id holds no control character.
 *
 * <p>Decoding is strict: it accepts an id only if encoding what it decoded gives the same id back
 * (no lower-case hex, no needless escape, a canonical number), so each id stands for at most one
 * key and each key has exactly one id. Ids of other users of the store (without the prefix, or
 * with it but not in this form) decode to nothing.
 */
final class ScopeKeys {

    /** What every execution id of a scope starts with. */
    static final String PREFIX = "lc4j:";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ScopeKeys() {
    }

    /**
     * The execution id of a key.
     *
     * @throws NullPointerException if the key or its agent id is null
     * @throws IllegalArgumentException if the memory id is null or of another type than String,
     *     Integer, Long or UUID, or if the id would be longer than {@value Ids#MAX_LENGTH}
     *     characters
     */
    static String executionId(AgenticScopeKey key) {
        java.util.Objects.requireNonNull(key, "key must not be null");
        java.util.Objects.requireNonNull(key.agentId(), "key.agentId() must not be null");
        Object memoryId = key.memoryId();
        char type = typeOf(memoryId);
        StringBuilder id = new StringBuilder(PREFIX.length() + 4 + key.agentId().length() + 16);
        id.append(PREFIX).append(type).append(':');
        escape(key.agentId(), id);
        id.append(':');
        escape(memoryId.toString(), id);
        int length = id.codePointCount(0, id.length());
        if (length > Ids.MAX_LENGTH) {
            throw new IllegalArgumentException(String.format(
                    "the agentic scope key (agent id of %d chars, memory id of %d chars) maps to an "
                            + "execution id of %d characters, more than the %d an execution id may have; "
                            + "use a shorter agent name or memory id",
                    key.agentId().length(), memoryId.toString().length(), length, Ids.MAX_LENGTH));
        }
        return id.toString();
    }

    /** The key an execution id stands for, or empty if it is not the id of a key. */
    static Optional<AgenticScopeKey> key(String executionId) {
        if (executionId == null || !executionId.startsWith(PREFIX)
                || executionId.length() < PREFIX.length() + 3
                || executionId.charAt(PREFIX.length() + 1) != ':') {
            return Optional.empty();
        }
        char type = executionId.charAt(PREFIX.length());
        int agentStart = PREFIX.length() + 2;
        int separator = executionId.indexOf(':', agentStart);
        if (separator < 0 || executionId.indexOf(':', separator + 1) >= 0) {
            return Optional.empty();
        }
        String agentId = unescape(executionId.substring(agentStart, separator));
        String memoryText = unescape(executionId.substring(separator + 1));
        if (agentId == null || memoryText == null) {
            return Optional.empty();
        }
        Object memoryId = memoryId(type, memoryText);
        if (memoryId == null) {
            return Optional.empty();
        }
        AgenticScopeKey key = new AgenticScopeKey(agentId, memoryId);
        try {
            return executionId(key).equals(executionId) ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException tooLong) {
            return Optional.empty();
        }
    }

    private static char typeOf(Object memoryId) {
        if (memoryId instanceof String) {
            return 's';
        }
        if (memoryId instanceof Integer) {
            return 'i';
        }
        if (memoryId instanceof Long) {
            return 'l';
        }
        if (memoryId instanceof UUID) {
            return 'u';
        }
        throw new IllegalArgumentException(memoryId == null
                ? "the agentic scope key has no memory id; only scopes with a memory id can be stored"
                : "a memory id of type " + memoryId.getClass().getName()
                        + " cannot be stored; use a String, Integer, Long or UUID memory id");
    }

    private static Object memoryId(char type, String text) {
        try {
            switch (type) {
                case 's':
                    return text;
                case 'i':
                    return Integer.valueOf(text);
                case 'l':
                    return Long.valueOf(text);
                case 'u':
                    return UUID.fromString(text);
                default:
                    return null;
            }
        } catch (IllegalArgumentException notOfThisType) { // NumberFormatException included
            return null;
        }
    }

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == ':' || Character.isISOControl(c)) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append("%u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
    }

    /** The unescaped text, or null if an escape is malformed (canonical form is checked by the caller). */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int digits = i + 1 < text.length() && text.charAt(i + 1) == 'u' ? 4 : 2;
            int start = digits == 4 ? i + 2 : i + 1;
            if (start + digits > text.length()) {
                return null;
            }
            int value = 0;
            for (int d = start; d < start + digits; d++) {
                int digit = Character.digit(text.charAt(d), 16);
                if (digit < 0) {
                    return null;
                }
                value = value * 16 + digit;
            }
            out.append((char) value);
            i = start + digits - 1;
        }
        return out.toString();
    }
}
