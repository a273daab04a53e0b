package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout of stored values is defined once, in {@link ValueLayout}: the Lua constants render
 * it, the scripts use only those, and Lua and Java read each other's values alike (the last
 * two tests on the shared standalone server).
 */
class ValueLayoutTest {

    private static final Pattern LUA_LOCAL = Pattern.compile("^local ([A-Z_]+) = (.+)$", Pattern.MULTILINE);
    private static final Pattern CONSTANT = Pattern.compile("\\b[A-Z][A-Z_]{2,}\\b");
    private static final Pattern STRING_SUB = Pattern.compile("string\\.sub\\(([^()]|\\([^()]*\\))*\\)");
    private static final Set<String> LUA_GLOBALS = Set.of("KEYS", "ARGV");

    @Test
    void theLuaPreludeDefinesEveryConstantWithTheJavaValue() {
        Map<String, String> defined = luaLocals(ValueLayout.luaPrelude());
        Map<String, String> expected = new HashMap<>();
        ValueLayout.luaConstants().forEach((name, value) -> expected.put(name, Integer.toString(value)));
        expected.put("PINNED", "'1'");
        assertThat(defined).isEqualTo(expected);
        // Java counts from 0, Lua's string.sub from 1.
        assertThat(defined).containsEntry("VERSION_AT", "26").containsEntry("GENERATION_AT", "10")
                .containsEntry("PINNED_AT", "9").containsEntry("MEMBER_ID_AT", "9")
                .containsEntry("POINTER_EXECUTION_AT", "17");
    }

    @Test
    void everyScriptIsLoadedWithThePreludeAndUsesOnlyConstantsItDefines() {
        Set<String> defined = new TreeSet<>(luaLocals(ValueLayout.luaPrelude()).keySet());
        defined.addAll(luaLocals(LuaScript.read("common.lua")).keySet());
        for (LuaScript script : LuaScript.values()) {
            String source = new String(script.source(), StandardCharsets.UTF_8);
            assertThat(source).as(script.resource()).contains(ValueLayout.luaPrelude());
            for (String resource : List.of("common.lua", script.resource())) {
                Matcher m = CONSTANT.matcher(code(LuaScript.read(resource)));
                while (m.find()) {
                    assertThat(m.group()).as("%s in %s", m.group(), resource).isIn(union(defined, LUA_GLOBALS));
                }
            }
        }
    }

    @Test
    void noScriptTakesAValueApartWithALiteralOffset() {
        for (LuaScript script : LuaScript.values()) {
            for (String resource : List.of("common.lua", script.resource())) {
                Matcher m = STRING_SUB.matcher(code(LuaScript.read(resource)));
                while (m.find()) {
                    // 1 (the first byte, or "next" in i + 1) is not a layout offset; every other number is.
                    assertThat(m.group().replaceAll("\\b1\\b", "")).as("%s in %s", m.group(), resource)
                            .doesNotContainPattern("\\d");
                }
            }
        }
    }

    @Test
    void luaReadsAndWritesValuesAsJavaLaysThemOut() {
        byte[] timestamp = RedisKeys.sortableTimestamp(Instant.parse("2026-12-02T10:00:00.123456Z"));
        byte[] generation = utf8("0123456789abcdef");
        byte[] value = ValueLayout.versionValue(timestamp, true, generation, 1234567890123L);
        byte[] member = concat(timestamp, utf8("id:é"));
        byte[] pointer = ValueLayout.pointer(generation, utf8("exec 😀"));
        String lua = ValueLayout.luaPrelude() + LuaScript.read("common.lua") + "\n"
                + "local v, m, p = ARGV[1], ARGV[2], ARGV[3]\n"
                + "return {timestampOf(v), isPinned(v) and 1 or 0, generationOf(v), versionOf(v), idOfMember(m),\n"
                + "  memberOf(v, idOfMember(m)), pointerGeneration(p), pointerExecution(p),\n"
                + "  versionValue(timestampOf(v), '1', generationOf(v), versionOf(v))}";
        try (StatefulRedisConnection<byte[], byte[]> c = RedisTestServers.sharedClient().connect(ByteArrayCodec.INSTANCE)) {
            List<Object> reply = c.sync().eval(lua, ScriptOutputType.MULTI, new byte[0][], value, member, pointer);
            assertThat((byte[]) reply.get(0)).isEqualTo(timestamp);
            assertThat(reply.get(1)).isEqualTo(1L);
            assertThat((byte[]) reply.get(2)).isEqualTo(ValueLayout.generationOf(value)).isEqualTo(generation);
            assertThat(reply.get(3)).isEqualTo(1234567890123L);
            assertThat((byte[]) reply.get(4)).isEqualTo(utf8("id:é"));
            assertThat((byte[]) reply.get(5)).isEqualTo(member);
            assertThat((byte[]) reply.get(6)).isEqualTo(ValueLayout.pointerGeneration(pointer)).isEqualTo(generation);
            assertThat((byte[]) reply.get(7)).isEqualTo(ValueLayout.pointerExecution(pointer)).isEqualTo(utf8("exec 😀"));
            assertThat((byte[]) reply.get(8)).isEqualTo(value);
        }
    }

    @Test
    void javaReadsTheValuesTheSaveScriptWrites() {
        String prefix = RedisTestServers.newPrefix();
        try (RedisCheckpointStore store = RedisCheckpointStore.builder(RedisTestServers.sharedClient()).prefix(prefix)
                .build();
             StatefulRedisConnection<byte[], byte[]> c = RedisTestServers.sharedClient().connect(ByteArrayCodec.INSTANCE)) {
            Instant timestamp = Instant.parse("2026-12-02T10:00:00.654321Z");
            Checkpoint saved = store.save(Checkpoint.builder("exec").id("layout").timestamp(timestamp)
                    .putMetadata("pinned", "true").build());
            saved = store.save(saved.toBuilder().timestamp(timestamp).build());
            RedisCommands<byte[], byte[]> sync = c.sync();
            RedisKeys keys = new RedisKeys(prefix);
            byte[] value = sync.hget(keys.execution(utf8("exec")).versions(), utf8("layout"));
            byte[] pointer = sync.get(keys.pointer(utf8("layout")));
            assertThat(ValueLayout.versionOf("layout", value)).isEqualTo(saved.version()).isEqualTo(2);
            assertThat(ValueLayout.pinnedOf(value)).isTrue();
            assertThat(ValueLayout.generationOf(value)).isEqualTo(ValueLayout.pointerGeneration(pointer));
            assertThat(ValueLayout.pointerExecution(pointer)).isEqualTo(utf8("exec"));
            assertThat(RedisKeys.timestampOf(value, 0)).isEqualTo(timestamp);
            assertThat(value).isEqualTo(ValueLayout.versionValue(RedisKeys.sortableTimestamp(timestamp), true,
                    ValueLayout.pointerGeneration(pointer), 2));
            List<byte[]> members = sync.zrange(keys.execution(utf8("exec")).index(), 0, -1);
            assertThat(members).hasSize(1);
            assertThat(Arrays.copyOfRange(members.get(0), ValueLayout.MEMBER_ID_OFFSET, members.get(0).length))
                    .isEqualTo(utf8("layout"));
        } finally {
            RedisTestServers.deleteKeys(prefix);
        }
    }

    /** The {@code local NAME = value} lines of a Lua source. */
    private static Map<String, String> luaLocals(String lua) {
        Map<String, String> out = new HashMap<>();
        Matcher m = LUA_LOCAL.matcher(lua);
        while (m.find()) {
            out.put(m.group(1), m.group(2).trim());
        }
        return out;
    }

    /** Lua source without comments and string literals (Redis commands and messages are upper case). */
    private static String code(String lua) {
        return lua.replaceAll("--[^\n]*", "").replaceAll("'[^'\n]*'", "''");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
