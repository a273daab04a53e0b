package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.ExecutionInfo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one place where the replies of the {@link LuaScript}s are taken apart: Lettuce hands them
 * over raw ({@code List<Object>} of {@code Long}, {@code byte[]}, nested lists and nulls, or a
 * single {@code Long} or {@code byte[]}), and these methods turn them into records, checking
 * the shape each script promises in its header comment. The records are nested here (not in
 * an interface, whose members would be public) so that they stay package-private.
 *
 * <p>A reply of another shape means that the scripts and this code disagree (a bug, or a server
 * running other scripts under the same SHA), never bad data: it throws
 * {@link IllegalStateException} naming the script and the shape it got. Stored bytes that cannot
 * be decoded throw {@link CheckpointCorruptedException} naming the checkpoint.
 */
final class ScriptReplies {

    /** What a save script ({@code save.lua}, {@code claim_save.lua}) answered: exactly one of the records below. */
    sealed interface SaveReply permits Saved, Conflict, Revoked, NotHeld, HeldElsewhere {
    }

    /**
     * Written: {@code version} is the new version. {@code unregistered}: the execution's registry
     * marker was missing, so the caller adds the execution to the registry. {@code idsToRefresh}:
     * all ids of the execution when their pointers' expiries are due for a refresh, else empty.
     */
    record Saved(long version, boolean unregistered, List<byte[]> idsToRefresh) implements SaveReply {
    }

    /** Refused by compare-and-set: the stored version, 0 when nothing is stored. Nothing was written. */
    record Conflict(long storedVersion) implements SaveReply {
    }

    /** The execution has revoked (fenced) {@code generation}, which the save carried. Nothing was written. */
    record Revoked(byte[] generation) implements SaveReply {
    }

    /** The id is no longer held under the remembered generation: claim the pointer, then save again. */
    record NotHeld() implements SaveReply {
    }

    /** {@code claim_save.lua} only: {@code pointer} names another execution. Nothing was written. */
    record HeldElsewhere(byte[] pointer) implements SaveReply {
    }

    /**
     * A checkpoint that a trim or clear script removed, with the pointer generation it was held
     * under (now revoked): its id pointer is released if it still has that generation.
     */
    record RemovedCheckpoint(byte[] id, byte[] generation) {
    }

    private ScriptReplies() {
    }

    /**
     * The reply of {@code save.lua}: {@code {0}} revoked, {@code {2}} not held, {@code {-1, stored}}
     * conflict, {@code {1, version, unregistered[, ids]}} saved.
     *
     * @param sentGeneration the generation the save carried (reported back when it was revoked)
     */
    static SaveReply save(Object reply, byte[] sentGeneration) {
        return saveReply(LuaScript.SAVE, reply, sentGeneration);
    }

    /**
     * The reply of {@code claim_save.lua}: as {@code save.lua}, but {@code {0, generation}} when
     * revoked, and {@code {3, pointer}} when the pointer names another execution.
     */
    static SaveReply claimSave(Object reply) {
        return saveReply(LuaScript.CLAIM_SAVE, reply, null);
    }

    private static SaveReply saveReply(LuaScript script, Object reply, byte[] sentGeneration) {
        List<Object> r = list(script, reply);
        long status = longAt(script, r, 0);
        if (status == 1) {
            return new Saved(longAt(script, r, 1), flagAt(script, r, 2),
                    r.size() > 3 ? bytesList(script, r.get(3)) : List.of());
        }
        if (status == -1) {
            return new Conflict(longAt(script, r, 1));
        }
        if (status == 0) {
            return new Revoked(script == LuaScript.SAVE ? sentGeneration : bytesAt(script, r, 1));
        }
        if (status == 2 && script == LuaScript.SAVE) {
            return new NotHeld();
        }
        if (status == 3 && script == LuaScript.CLAIM_SAVE) {
            return new HeldElsewhere(pointer(script, r.get(1)));
        }
        throw unexpected(script, reply);
    }

    /**
     * The reply of {@code load.lua}, {@code {version value, body}}: the checkpoint, or empty when
     * the execution does not hold the id (nils; a dangling pointer reads as absent).
     *
     * @throws CheckpointCorruptedException if the stored version or body cannot be decoded
     */
    static Optional<Checkpoint> loaded(String checkpointId, String executionId, Object reply) {
        List<Object> r = list(LuaScript.LOAD, reply);
        if (r.size() < 2 || r.get(0) == null || r.get(1) == null) {
            return Optional.empty();
        }
        return Optional.of(checkpoint(LuaScript.LOAD, checkpointId, executionId, r.get(0), r.get(1)));
    }

    /**
     * The reply of {@code range.lua} and {@code latest.lua}: {@code {id, version value, body, ...}}
     * in the order read.
     *
     * @throws CheckpointCorruptedException if a stored version or body cannot be decoded
     */
    static List<Checkpoint> checkpoints(LuaScript script, String executionId, Object reply) {
        List<Object> r = list(script, reply);
        if (r.size() % 3 != 0) {
            throw unexpected(script, reply);
        }
        List<Checkpoint> out = new ArrayList<>(r.size() / 3);
        for (int i = 0; i < r.size(); i += 3) {
            String id = RedisKeys.string(bytesAt(script, r, i));
            out.add(checkpoint(script, id, executionId, r.get(i + 1), r.get(i + 2)));
        }
        return out;
    }

    private static Checkpoint checkpoint(LuaScript script, String id, String executionId, Object versionValue,
                                         Object body) {
        if (!(versionValue instanceof byte[] v) || !(body instanceof byte[] b)) {
            throw unexpected(script, Arrays.asList(versionValue, body));
        }
        return CheckpointBody.decode(id, executionId, ValueLayout.versionOf(id, v), b);
    }

    /** The reply of {@code trim.lua}, {@code clear.lua}, {@code clear_if_idle.lua}: {@code {id, generation, ...}}. */
    static List<RemovedCheckpoint> removed(LuaScript script, Object reply) {
        List<Object> r = list(script, reply);
        if (r.size() % 2 != 0) {
            throw unexpected(script, reply);
        }
        List<RemovedCheckpoint> out = new ArrayList<>(r.size() / 2);
        for (int i = 0; i < r.size(); i += 2) {
            out.add(new RemovedCheckpoint(bytesAt(script, r, i), bytesAt(script, r, i + 1)));
        }
        return out;
    }

    /**
     * The reply of {@code info.lua}, {@code {count, last index member, last write time}} (Redis
     * cuts a Lua array at its first nil, so the last two may be missing): the summary, or empty
     * when the execution holds no checkpoint. Without a write time (data written before they
     * were kept) the last timestamp stands in for it.
     */
    static Optional<ExecutionInfo> executionInfo(String executionId, Object reply) {
        List<Object> r = list(LuaScript.INFO, reply);
        long count = longAt(LuaScript.INFO, r, 0);
        if (count == 0) {
            return Optional.empty();
        }
        Instant lastTimestamp = RedisKeys.timestampOf(bytesAt(LuaScript.INFO, r, 1), 0);
        Instant lastWrite = r.size() > 2 && r.get(2) != null
                ? Instant.ofEpochMilli(Long.parseLong(RedisKeys.string(bytesAt(LuaScript.INFO, r, 2))))
                : lastTimestamp;
        return Optional.of(new ExecutionInfo(executionId, count, lastTimestamp, lastWrite));
    }

    /** The 0-or-1 reply of {@code fence.lua} (held), {@code swap.lua} (swapped), {@code delete.lua} (removed). */
    static boolean flag(LuaScript script, Object reply) {
        if (reply instanceof Long n && (n == 0 || n == 1)) {
            return n == 1;
        }
        throw unexpected(script, reply);
    }

    /** The count that {@code prune.lua} and the release scripts reply. */
    static long count(LuaScript script, Object reply) {
        if (reply instanceof Long n && n >= 0) {
            return n;
        }
        throw unexpected(script, reply);
    }

    /** An id pointer, as {@code claim.lua} replies it (and as {@code GET} reads it): generation, execution id. */
    static byte[] pointer(LuaScript script, Object reply) {
        if (reply instanceof byte[] p && p.length >= ValueLayout.POINTER_EXECUTION_OFFSET) {
            return p;
        }
        throw unexpected(script, reply);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(LuaScript script, Object reply) {
        if (reply instanceof List<?> r) {
            return (List<Object>) r;
        }
        throw unexpected(script, reply);
    }

    private static List<byte[]> bytesList(LuaScript script, Object reply) {
        List<Object> r = list(script, reply);
        List<byte[]> out = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            out.add(bytesAt(script, r, i));
        }
        return out;
    }

    private static long longAt(LuaScript script, List<Object> r, int i) {
        if (i < r.size() && r.get(i) instanceof Long n) {
            return n;
        }
        throw unexpected(script, r);
    }

    private static boolean flagAt(LuaScript script, List<Object> r, int i) {
        long n = longAt(script, r, i);
        if (n != 0 && n != 1) {
            throw unexpected(script, r);
        }
        return n == 1;
    }

    private static byte[] bytesAt(LuaScript script, List<Object> r, int i) {
        if (i < r.size() && r.get(i) instanceof byte[] b) {
            return b;
        }
        throw unexpected(script, r);
    }

    private static IllegalStateException unexpected(LuaScript script, Object reply) {
        return new IllegalStateException("unexpected reply from " + script.resource() + ": " + shape(reply)
                + "; the store's scripts and its code disagree");
    }

    /** The shape of a reply: integers as they are, strings by length only (they may hold user data). */
    static String shape(Object reply) {
        if (reply instanceof List<?> list) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                if (i == 8) {
                    s.append(", … ").append(list.size() - i).append(" more");
                    break;
                }
                s.append(i == 0 ? "" : ", ").append(shape(list.get(i)));
            }
            return s.append(']').toString();
        }
        if (reply instanceof byte[] b) {
            return "string of " + b.length + " bytes";
        }
        if (reply instanceof String s) {
            return "string of " + s.getBytes(StandardCharsets.UTF_8).length + " bytes";
        }
        return String.valueOf(reply);
    }
}
