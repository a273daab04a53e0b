package io.checkpointkit.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key layout. Every key of one execution carries the hash tag {@code {base64url(executionId)}},
 * so one script reaches them all on Redis Cluster; base64url has no {@code { } : *} or space, so
 * no id can break the tag, and it is injective, so no two ids share keys. Keys are UTF-8, the
 * prefix included, so two prefixes are two key spaces (an ASCII-only prefix gives the same bytes
 * as US-ASCII did before).
 *
 * <pre>
 *   prefix:x:{E}:i   sorted set, score 0, member = sortable timestamp (8 bytes) + UTF-8 id:
 *                    byte order of members is the (timestamp, id by code point) order
 *   prefix:x:{E}:d   hash id -> encoded checkpoint ({@link CheckpointBody})
 *   prefix:x:{E}:v   hash id -> timestamp + pinned flag + pointer generation + version ({@link ValueLayout})
 *   prefix:x:{E}:f   hash id -> revoked pointer generations (fences)
 *   prefix:x:{E}:r   marker: pointer expiries were refreshed recently (TTL only)
 *   prefix:x:{E}:m   marker: the execution is in the registry
 *   prefix:x:{E}:w   the time of the execution's last write (save, update, delete), epoch ms
 *   prefix:id:{I}    pointer: generation + UTF-8 execution id ({@link ValueLayout}), for load and delete by id
 *   prefix:ex:{n}    one of {@value #REGISTRY_BUCKETS} sorted sets of UTF-8 execution ids
 * </pre>
 */
final class RedisKeys {

    /** How many sorted sets the execution registry is spread over, so none is a hot key. */
    static final int REGISTRY_BUCKETS = 16;

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix;
    }

    /** The keys of one execution. */
    record ExecutionKeys(byte[] index, byte[] data, byte[] versions, byte[] fences, byte[] refresh,
                         byte[] registered, byte[] written) {
        byte[][] all() {
            return new byte[][] {index, data, versions, fences, refresh, registered, written};
        }

        byte[][] forDelete() {
            return new byte[][] {index, data, versions, fences, written};
        }

        byte[][] forRead() {
            return new byte[][] {index, versions, data};
        }

        byte[][] forRemove() {
            return new byte[][] {index, data, versions, fences};
        }
    }

    ExecutionKeys execution(byte[] executionId) {
        String base = prefix + ":x:{" + BASE64.encodeToString(executionId) + "}:";
        return new ExecutionKeys(utf8(base + "i"), utf8(base + "d"), utf8(base + "v"),
                utf8(base + "f"), utf8(base + "r"), utf8(base + "m"), utf8(base + "w"));
    }

    byte[] pointer(byte[] checkpointId) {
        return utf8(prefix + ":id:{" + BASE64.encodeToString(checkpointId) + "}");
    }

    byte[] registry(int bucket) {
        return utf8(prefix + ":ex:{" + bucket + "}");
    }

    static int bucketOf(byte[] executionId) {
        return Math.floorMod(Arrays.hashCode(executionId), REGISTRY_BUCKETS);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Microseconds since the epoch with the sign bit flipped, big-endian: sorts as unsigned bytes. */
    static byte[] sortableTimestamp(Instant timestamp) {
        long micros = Math.addExact(Math.multiplyExact(timestamp.getEpochSecond(), 1_000_000L),
                timestamp.getNano() / 1_000);
        return ByteBuffer.allocate(Long.BYTES).putLong(micros ^ Long.MIN_VALUE).array();
    }

    static Instant timestampOf(byte[] sortable, int offset) {
        long micros = ByteBuffer.wrap(sortable, offset, Long.BYTES).getLong() ^ Long.MIN_VALUE;
        return Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L))
                .plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Unsigned byte order: the order of UTF-8 strings by code point, as Redis compares members. */
    static int compareBytes(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
