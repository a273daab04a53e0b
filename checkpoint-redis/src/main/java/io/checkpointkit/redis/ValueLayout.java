package io.checkpointkit.redis;

import io.checkpointkit.CheckpointCorruptedException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The byte layout of the stored values that both this code and the Lua scripts take apart,
 * defined once: {@link #luaPrelude()} renders the offsets as Lua constants that {@link LuaScript}
 * prepends to every script, so the scripts read {@code VERSION_AT}, not {@code 26}.
 *
 * <pre>
 *   "v" hash value   timestamp (8) | pinned flag (1, '0'/'1') | pointer generation (16) | decimal version
 *   index member     timestamp (8) | UTF-8 id
 *   id pointer       pointer generation (16) | UTF-8 execution id
 *   "f" hash value   up to {@value #MAX_FENCES} revoked generations, 16 bytes each
 * </pre>
 *
 * The timestamp is {@link RedisKeys#sortableTimestamp}. Java offsets count from 0; the Lua
 * constants ({@code *_AT}) are the same positions counted from 1, as {@code string.sub} takes
 * them. The checkpoint body (the "d" hash) is opaque to the scripts; its format is
 * {@link CheckpointBody}'s alone.
 */
final class ValueLayout {

    /** Bytes of a sortable timestamp, at the start of a "v" value and of an index member. */
    static final int TIMESTAMP_LENGTH = Long.BYTES;
    /** Bytes of a pointer generation (16 hex characters). */
    static final int GENERATION_LENGTH = 16;
    /** Offset of the pinned flag in a "v" value. */
    static final int PINNED_OFFSET = TIMESTAMP_LENGTH;
    /** Offset of the pointer generation in a "v" value. */
    static final int GENERATION_OFFSET = PINNED_OFFSET + 1;
    /** Offset of the decimal version in a "v" value; it runs to the end. */
    static final int VERSION_OFFSET = GENERATION_OFFSET + GENERATION_LENGTH;
    /** Offset of the id in an index member; it runs to the end. */
    static final int MEMBER_ID_OFFSET = TIMESTAMP_LENGTH;
    /** Offset of the execution id in an id pointer; it runs to the end. */
    static final int POINTER_EXECUTION_OFFSET = GENERATION_LENGTH;
    /** How many revoked generations a fence keeps; the oldest goes first. */
    static final int MAX_FENCES = 16;

    static final byte PINNED = '1';
    static final byte NOT_PINNED = '0';

    private ValueLayout() {
    }

    /**
     * A "v" hash value, as the save script writes it ({@code versionValue} in {@code common.lua});
     * the store writes it only through that script, the tests check that both agree.
     */
    static byte[] versionValue(byte[] sortableTimestamp, boolean pinned, byte[] generation, long version) {
        byte[] digits = Long.toString(version).getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[VERSION_OFFSET + digits.length];
        System.arraycopy(sortableTimestamp, 0, value, 0, TIMESTAMP_LENGTH);
        value[PINNED_OFFSET] = pinned ? PINNED : NOT_PINNED;
        System.arraycopy(generation, 0, value, GENERATION_OFFSET, GENERATION_LENGTH);
        System.arraycopy(digits, 0, value, VERSION_OFFSET, digits.length);
        return value;
    }

    /**
     * The version in a "v" hash value.
     *
     * @throws CheckpointCorruptedException naming {@code checkpointId} if it cannot be read
     */
    static long versionOf(String checkpointId, byte[] versionValue) {
        try {
            return Long.parseLong(new String(versionValue, VERSION_OFFSET, versionValue.length - VERSION_OFFSET,
                    StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            throw new CheckpointCorruptedException(checkpointId, "stored version cannot be decoded", e);
        }
    }

    static boolean pinnedOf(byte[] versionValue) {
        return versionValue[PINNED_OFFSET] == PINNED;
    }

    static byte[] generationOf(byte[] versionValue) {
        return Arrays.copyOfRange(versionValue, GENERATION_OFFSET, GENERATION_OFFSET + GENERATION_LENGTH);
    }

    /** An id pointer: the generation, then the execution id. */
    static byte[] pointer(byte[] generation, byte[] executionId) {
        byte[] p = Arrays.copyOf(generation, POINTER_EXECUTION_OFFSET + executionId.length);
        System.arraycopy(executionId, 0, p, POINTER_EXECUTION_OFFSET, executionId.length);
        return p;
    }

    static byte[] pointerGeneration(byte[] pointer) {
        return Arrays.copyOf(pointer, GENERATION_LENGTH);
    }

    static byte[] pointerExecution(byte[] pointer) {
        return Arrays.copyOfRange(pointer, POINTER_EXECUTION_OFFSET, pointer.length);
    }

    /** The Lua constants: each name with its 1-based position or its length. */
    static Map<String, Integer> luaConstants() {
        Map<String, Integer> c = new LinkedHashMap<>();
        c.put("TIMESTAMP_LENGTH", TIMESTAMP_LENGTH);
        c.put("GENERATION_LENGTH", GENERATION_LENGTH);
        c.put("PINNED_AT", PINNED_OFFSET + 1);
        c.put("GENERATION_AT", GENERATION_OFFSET + 1);
        c.put("VERSION_AT", VERSION_OFFSET + 1);
        c.put("MEMBER_ID_AT", MEMBER_ID_OFFSET + 1);
        c.put("POINTER_EXECUTION_AT", POINTER_EXECUTION_OFFSET + 1);
        c.put("MAX_FENCES", MAX_FENCES);
        return c;
    }

    /** The Lua source that defines {@link #luaConstants()} as locals, one per line. */
    static String luaPrelude() {
        StringBuilder lua = new StringBuilder("-- The layout of stored values, rendered from ValueLayout.java"
                + " (positions count from 1, as string.sub takes them).\n");
        luaConstants().forEach((name, value) -> lua.append("local ").append(name).append(" = ").append(value)
                .append('\n'));
        lua.append("local PINNED = '").append((char) PINNED).append("'\n");
        return lua.toString();
    }
}
