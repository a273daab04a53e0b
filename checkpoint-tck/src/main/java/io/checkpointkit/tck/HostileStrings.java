package io.checkpointkit.tck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Legal strings that break backends which splice ids into SQL, key names, file paths, JSON or
 * patterns instead of encoding them. Every one must round-trip exactly.
 */
final class HostileStrings {

    /**
     * U+FF5E, a BMP character above the surrogate range: {@link String#compareTo} puts it after
     * every supplementary character, code point order puts it before.
     */
    static final String FULLWIDTH_TILDE = "\uFF5E";

    /** U+1F600, outside the BMP: UTF-16 sorts it before U+FF5E, code point order after. */
    static final String GRINNING_FACE = "\uD83D\uDE00";

    /** Id fragments: quoting, wildcards, paths, key separators, hash tags, emoji, SQL, Redis. */
    static final List<String> ID_FRAGMENTS = List.of(
            "'", "\"", "''", "`", "{}", "{tag}", "}{", ":", "a:b:c", "/", "/abs", "../..", "..",
            "./.", "\\", "C:\\x", "%", "%s%n%d", "%00", "%2F", "*", "?", "[a-z]", "^$", "_", "a_b",
            " ", "  padded  ", "a\u00A0b", "\u2028", "\uFEFF", GRINNING_FACE, "\uD83C\uDF89\uD83E\uDDEA",
            FULLWIDTH_TILDE, "\u00E9", "e\u0301", "\u65E5\u672C\u8A9E", "\u05E2\u05D1\u05E8\u05D9\u05EA",
            "'; DROP TABLE checkpoints; --", "\" OR \"1\"=\"1", "1; SELECT pg_sleep(0)", "$1", "?1",
            "KEYS *", "FLUSHALL", "__keyspace@0__:x", "EVAL \"return 1\" 0", "null", "NULL",
            "undefined", "<script>", "{\"json\":[1]}", "${jndi:x}", "#{x}", "&amp;", "+", "=", ",", ";",
            "|", "~", "!");

    private HostileStrings() {
    }

    /** Metadata keys and values of the same kind, plus characters legal only in metadata. */
    static Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("a.b", "dotted key");
        m.put("$where", "1 == 1");
        m.put("'; DROP TABLE checkpoints; --", "'");
        m.put("{tag}", "}{");
        m.put("\"quoted\"", "\"\\\"");
        m.put("key with spaces", "  value with spaces  ");
        m.put("emoji " + GRINNING_FACE, FULLWIDTH_TILDE + GRINNING_FACE);
        m.put("newline", "line1\nline2\r\n\ttabbed");
        m.put("json", "{\"a\":[1,2,{\"b\":null}]}");
        m.put("empty", "");
        m.put("backslash\\u0000", "\\u0000 is six characters here");
        m.put("percent", "%s %d %%");
        m.put("pinned-lookalike", "true");
        m.put("\u65E5\u672C", "\u8A9E");
        return m;
    }
}
