package io.checkpointkit.redis;

import io.lettuce.core.ScriptOutputType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script of this store, read from a resource next to this class with the layout
 * constants of {@link ValueLayout#luaPrelude()} and {@code common.lua} prepended (after the
 * script's {@code #!lua flags=…} line, if it has one). Run by EVALSHA with its SHA-1;
 * {@link RedisConnector} falls back to EVAL (which also caches it on that node) when the node
 * answers NOSCRIPT. Its reply is taken apart by {@link ScriptReplies}.
 */
enum LuaScript {
    CLAIM("claim.lua", ScriptOutputType.VALUE),
    SWAP("swap.lua", ScriptOutputType.INTEGER),
    FENCE("fence.lua", ScriptOutputType.INTEGER),
    SAVE("save.lua", ScriptOutputType.MULTI),
    CLAIM_SAVE("claim_save.lua", ScriptOutputType.MULTI),
    PRUNE("prune.lua", ScriptOutputType.INTEGER),
    RELEASE_ALL("release_all.lua", ScriptOutputType.INTEGER),
    RELEASE_NODE("release_node.lua", ScriptOutputType.INTEGER),
    LOAD("load.lua", ScriptOutputType.MULTI),
    RANGE("range.lua", ScriptOutputType.MULTI),
    LATEST("latest.lua", ScriptOutputType.MULTI),
    DELETE("delete.lua", ScriptOutputType.INTEGER),
    TRIM("trim.lua", ScriptOutputType.MULTI),
    CLEAR("clear.lua", ScriptOutputType.MULTI),
    CLEAR_IF_IDLE("clear_if_idle.lua", ScriptOutputType.MULTI),
    INFO("info.lua", ScriptOutputType.MULTI);

    private final String resource;
    private final byte[] source;
    private final String sha;
    private final ScriptOutputType outputType;

    LuaScript(String resource, ScriptOutputType outputType) {
        this.resource = resource;
        String body = read(resource);
        // A "#!lua flags=..." line must stay the first line of the script Redis receives.
        String shebang = "";
        if (body.startsWith("#!")) {
            int end = body.indexOf('\n') + 1;
            shebang = body.substring(0, end);
            body = body.substring(end);
        }
        this.source = (shebang + ValueLayout.luaPrelude() + read("common.lua") + "\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        this.sha = sha1(source);
        this.outputType = outputType;
    }

    /** The script's resource name, e.g. {@code save.lua}. */
    String resource() {
        return resource;
    }

    byte[] source() {
        return source.clone();
    }

    String sha() {
        return sha;
    }

    ScriptOutputType outputType() {
        return outputType;
    }

    /** The text of a script resource as it is stored (without anything prepended). */
    static String read(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script resource " + resource, e);
        }
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
