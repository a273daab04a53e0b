package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of a checkpoint's fields besides id, execution and version (which the keys
 * and the version hash hold): a format byte, then length-prefixed UTF-8 strings and the state.
 *
 * <pre>
 *   byte 1 | long timestamp micros | parent (int length, -1 for none; bytes) | node name |
 *   int metadata entries | (key, value)* | int state length | state
 * </pre>
 */
final class CheckpointBody {

    private static final byte FORMAT = 1;

    private CheckpointBody() {
    }

    static byte[] encode(Checkpoint checkpoint) {
        List<byte[]> strings = new ArrayList<>();
        strings.add(checkpoint.parentId() == null ? null : RedisKeys.utf8(checkpoint.parentId()));
        strings.add(RedisKeys.utf8(checkpoint.nodeName()));
        for (Map.Entry<String, String> e : checkpoint.metadata().entrySet()) {
            strings.add(RedisKeys.utf8(e.getKey()));
            strings.add(RedisKeys.utf8(e.getValue()));
        }
        int size = 1 + Long.BYTES + Integer.BYTES + Integer.BYTES + checkpoint.stateSize();
        for (byte[] s : strings) {
            size += Integer.BYTES + (s == null ? 0 : s.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT);
        out.put(RedisKeys.sortableTimestamp(checkpoint.timestamp()));
        putString(out, strings.get(0));
        putString(out, strings.get(1));
        out.putInt(checkpoint.metadata().size());
        for (int i = 2; i < strings.size(); i++) {
            putString(out, strings.get(i));
        }
        byte[] state = checkpoint.state();
        out.putInt(state.length);
        out.put(state);
        return out.array();
    }

    static Checkpoint decode(String id, String executionId, long version, byte[] body) {
        try {
            ByteBuffer in = ByteBuffer.wrap(body);
            if (in.get() != FORMAT) {
                throw new CheckpointCorruptedException(id, "unknown format " + body[0], null);
            }
            byte[] ts = new byte[Long.BYTES];
            in.get(ts);
            Checkpoint.Builder b = Checkpoint.builder(executionId).id(id)
                    .timestamp(RedisKeys.timestampOf(ts, 0)).version(version);
            b.parentId(getString(in));
            b.nodeName(getString(in));
            int entries = in.getInt();
            Map<String, String> metadata = new TreeMap<>();
            for (int i = 0; i < entries; i++) {
                metadata.put(getString(in), getString(in));
            }
            b.metadata(metadata);
            byte[] state = new byte[in.getInt()];
            in.get(state);
            if (in.hasRemaining()) {
                throw new CheckpointCorruptedException(id, in.remaining() + " trailing bytes", null);
            }
            return b.state(state).build();
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException
                 | NegativeArraySizeException | java.time.DateTimeException e) {
            throw new CheckpointCorruptedException(id, "stored bytes cannot be decoded", e);
        }
    }

    private static void putString(ByteBuffer out, byte[] s) {
        if (s == null) {
            out.putInt(-1);
        } else {
            out.putInt(s.length);
            out.put(s);
        }
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] s = new byte[length];
        in.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
