package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key layout and the stored form, without a server. */
class RedisKeysTest {

    @Test
    void indexMembersSortByTimestampThenIdByCodePoint() {
        Random random = new Random(42);
        int[] codePoints = {'a', 'z', '{', '}', ':', 0xFF61, 0x1F600, 0x10FFFF, 0xE9};
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder id = new StringBuilder();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                id.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            long seconds = random.nextBoolean() ? random.nextInt(3) : -62_000_000_000L + random.nextInt(3);
            checkpoints.add(Checkpoint.builder("e").id(id.toString() + i % 3)
                    .timestamp(Instant.ofEpochSecond(seconds, random.nextInt(3) * 1000L)).build());
        }
        List<Checkpoint> byMember = new ArrayList<>(checkpoints);
        byMember.sort((a, b) -> Arrays.compareUnsigned(member(a), member(b)));
        List<Checkpoint> byOrder = new ArrayList<>(checkpoints);
        byOrder.sort(Checkpoint.ORDER);
        assertThat(byMember).containsExactlyElementsOf(byOrder);
    }

    @Test
    void timestampsRoundTripAcrossTheLegalRange() {
        for (Instant t : List.of(Checkpoint.MIN_TIMESTAMP, Checkpoint.MAX_TIMESTAMP, Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999999Z"))) {
            assertThat(RedisKeys.timestampOf(RedisKeys.sortableTimestamp(t), 0)).isEqualTo(t);
        }
    }

    @Test
    void idsThatWouldBreakAHashTagOrCollideGetDistinctTagSafeKeys() {
        RedisKeys keys = new RedisKeys("ckpt");
        Set<String> seen = new HashSet<>();
        for (String id : RedisStoreBehaviourTest.HOSTILE_IDS) {
            String key = new String(keys.execution(id.getBytes(StandardCharsets.UTF_8)).index(), StandardCharsets.US_ASCII);
            assertThat(seen.add(key)).isTrue();
            String tag = key.substring(key.indexOf('{') + 1, key.indexOf('}'));
            assertThat(tag).matches("[A-Za-z0-9_-]+");
            assertThat(key.indexOf('{')).isEqualTo(key.lastIndexOf('{'));
        }
    }

    @Test
    void theStoredFormRoundTripsAndBadBytesNameTheCheckpoint() {
        Checkpoint c = Checkpoint.builder("exec").id("id").parentId("p").nodeName("node")
                .putMetadata("k", "v").putMetadata("pinned", "true").state(new byte[] {1, 2, 3}).build();
        byte[] body = CheckpointBody.encode(c);
        assertThat(CheckpointBody.decode("id", "exec", 0, body)).isEqualTo(c);
        assertThatThrownBy(() -> CheckpointBody.decode("id", "exec", 1, Arrays.copyOf(body, body.length - 1)))
                .isInstanceOf(CheckpointCorruptedException.class).hasMessageContaining("'id'");
    }

    private static byte[] member(Checkpoint c) {
        byte[] ts = RedisKeys.sortableTimestamp(c.timestamp());
        byte[] id = c.id().getBytes(StandardCharsets.UTF_8);
        byte[] m = Arrays.copyOf(ts, ts.length + id.length);
        System.arraycopy(id, 0, m, ts.length, id.length);
        return m;
    }

    @Test
    void keysAreUtf8AndAnAsciiPrefixGivesTheBytesItAlwaysHad() {
        RedisKeys ascii = new RedisKeys("ckpt");
        byte[] e = "exé".getBytes(StandardCharsets.UTF_8);
        // The layout written by earlier versions (US-ASCII keys): unchanged for ASCII prefixes.
        assertThat(ascii.pointer("a".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ckpt:id:{YQ}".getBytes(StandardCharsets.US_ASCII));
        assertThat(ascii.execution(e).index()).isEqualTo("ckpt:x:{ZXjDqQ}:i".getBytes(StandardCharsets.US_ASCII));
        assertThat(ascii.registry(3)).isEqualTo("ckpt:ex:{3}".getBytes(StandardCharsets.US_ASCII));
        // Non-ASCII prefixes were all '?' before; now each is its own key space.
        RedisKeys acute = new RedisKeys("tenant_é");
        RedisKeys umlaut = new RedisKeys("tenant_ü");
        assertThat(acute.execution(e).data()).isEqualTo("tenant_é:x:{ZXjDqQ}:d".getBytes(StandardCharsets.UTF_8))
                .isNotEqualTo(umlaut.execution(e).data());
        assertThat(acute.pointer(e)).isNotEqualTo(umlaut.pointer(e));
        assertThat(acute.registry(0)).isNotEqualTo(umlaut.registry(0));
    }
}
