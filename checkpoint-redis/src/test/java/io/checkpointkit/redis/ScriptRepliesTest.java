package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.ExecutionInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decoding of script replies, on replies shaped as Lettuce hands them over; no server. */
class ScriptRepliesTest {

    private static final byte[] GENERATION = bytes("0123456789abcdef");
    private static final Instant T = Instant.parse("2026-12-02T10:00:00.123456Z");

    @Test
    void aWrittenSaveCarriesItsVersionTheRegistryFlagAndTheIdsToRefresh() {
        ScriptReplies.SaveReply plain = ScriptReplies.save(List.of(1L, 7L, 0L), GENERATION);
        assertThat(plain).isInstanceOf(ScriptReplies.Saved.class);
        ScriptReplies.Saved saved = (ScriptReplies.Saved) plain;
        assertThat(saved.version()).isEqualTo(7);
        assertThat(saved.unregistered()).isFalse();
        assertThat(saved.idsToRefresh()).isEmpty();

        ScriptReplies.Saved refresh = (ScriptReplies.Saved) ScriptReplies.save(
                List.of(1L, 1L, 1L, List.of(bytes("a"), bytes("b"))), GENERATION);
        assertThat(refresh.unregistered()).isTrue();
        assertThat(refresh.idsToRefresh()).containsExactly(bytes("a"), bytes("b"));
    }

    @Test
    void aRefusedSaveIsAConflictARevocationOrNotHeld() {
        assertThat(ScriptReplies.save(List.of(-1L, 4L), GENERATION)).isEqualTo(new ScriptReplies.Conflict(4));
        assertThat(ScriptReplies.save(List.of(-1L, 0L), GENERATION)).isEqualTo(new ScriptReplies.Conflict(0));
        assertThat(((ScriptReplies.Revoked) ScriptReplies.save(List.of(0L), GENERATION)).generation()).isSameAs(GENERATION);
        assertThat(ScriptReplies.save(List.of(2L), GENERATION)).isInstanceOf(ScriptReplies.NotHeld.class);
    }

    @Test
    void claimSaveReportsTheRevokedGenerationAndAPointerOfAnotherExecution() {
        byte[] other = bytes("fedcba9876543210other");
        assertThat(((ScriptReplies.Revoked) ScriptReplies.claimSave(List.of(0L, GENERATION))).generation())
                .isEqualTo(GENERATION);
        assertThat(((ScriptReplies.HeldElsewhere) ScriptReplies.claimSave(List.of(3L, other))).pointer()).isEqualTo(other);
        assertThat(ScriptReplies.claimSave(List.of(1L, 1L, 0L))).isInstanceOf(ScriptReplies.Saved.class);
    }

    @Test
    void saveRepliesOfAnotherShapeNameTheScriptAndTheShape() {
        assertThatThrownBy(() -> ScriptReplies.save(List.of(3L, bytes("x")), GENERATION))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("save.lua")
                .hasMessageContaining("[3, string of 1 bytes]");
        assertThatThrownBy(() -> ScriptReplies.claimSave(List.of(2L))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("claim_save.lua");
        assertThatThrownBy(() -> ScriptReplies.save(List.of(), GENERATION)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ScriptReplies.save(List.of(1L, bytes("7"), 0L), GENERATION))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ScriptReplies.save(List.of(1L, 7L, 2L), GENERATION))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ScriptReplies.save(7L, GENERATION)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("save.lua: 7");
    }

    @Test
    void readRepliesDecodeIntoCheckpoints() {
        Checkpoint a = checkpoint("a", 3);
        Checkpoint b = checkpoint("b", 1);
        assertThat(ScriptReplies.checkpoints(LuaScript.RANGE, "exec", List.of(
                bytes("a"), versionValue(a), CheckpointBody.encode(a),
                bytes("b"), versionValue(b), CheckpointBody.encode(b)))).containsExactly(a, b);
        assertThat(ScriptReplies.checkpoints(LuaScript.LATEST, "exec", List.of())).isEmpty();
        assertThat(ScriptReplies.loaded("a", "exec", List.of(versionValue(a), CheckpointBody.encode(a)))).contains(a);
    }

    @Test
    void aLoadOfAnIdTheExecutionDoesNotHoldIsEmpty() {
        assertThat(ScriptReplies.loaded("a", "exec", Arrays.asList(null, null))).isEmpty();
        assertThat(ScriptReplies.loaded("a", "exec", List.of())).isEmpty();
    }

    @Test
    void storedBytesThatCannotBeDecodedAreACorruptedCheckpoint() {
        Checkpoint a = checkpoint("a", 3);
        byte[] badVersion = Arrays.copyOf(versionValue(a), ValueLayout.VERSION_OFFSET + 1);
        badVersion[ValueLayout.VERSION_OFFSET] = 'x';
        assertThatThrownBy(() -> ScriptReplies.loaded("a", "exec", List.of(badVersion, CheckpointBody.encode(a))))
                .isInstanceOf(CheckpointCorruptedException.class).hasMessageContaining("'a'")
                .hasMessageContaining("version");
        assertThatThrownBy(() -> ScriptReplies.checkpoints(LuaScript.RANGE, "exec",
                List.of(bytes("a"), versionValue(a), new byte[] {9, 9})))
                .isInstanceOf(CheckpointCorruptedException.class).hasMessageContaining("'a'");
    }

    @Test
    void readRepliesOfAnotherShapeAreRejected() {
        Checkpoint a = checkpoint("a", 3);
        assertThatThrownBy(() -> ScriptReplies.checkpoints(LuaScript.RANGE, "exec", List.of(bytes("a"), versionValue(a))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("range.lua");
        assertThatThrownBy(() -> ScriptReplies.checkpoints(LuaScript.LATEST, "exec",
                List.of(1L, versionValue(a), CheckpointBody.encode(a))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("latest.lua");
        assertThatThrownBy(() -> ScriptReplies.loaded("a", "exec", List.of(3L, CheckpointBody.encode(a))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("load.lua");
    }

    @Test
    void removalRepliesArePairsOfIdAndGeneration() {
        List<ScriptReplies.RemovedCheckpoint> removed = ScriptReplies.removed(LuaScript.TRIM,
                List.of(bytes("a"), GENERATION, bytes("b"), bytes("fedcba9876543210")));
        assertThat(removed).extracting(r -> new String(r.id(), StandardCharsets.UTF_8)).containsExactly("a", "b");
        assertThat(removed.get(0).generation()).isEqualTo(GENERATION);
        assertThat(ScriptReplies.removed(LuaScript.CLEAR_IF_IDLE, List.of())).isEmpty();
        assertThatThrownBy(() -> ScriptReplies.removed(LuaScript.CLEAR, List.of(bytes("a"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clear.lua");
    }

    @Test
    void infoRepliesBecomeExecutionSummaries() {
        byte[] member = memberOf("last");
        assertThat(ScriptReplies.executionInfo("exec", List.of(2L, member, bytes("1764669600000"))))
                .contains(new ExecutionInfo("exec", 2, T, Instant.ofEpochMilli(1_764_669_600_000L)));
        // Written before write times were kept: no third element (Redis cuts the array at a nil).
        assertThat(ScriptReplies.executionInfo("exec", List.of(2L, member))).contains(new ExecutionInfo("exec", 2, T, T));
        assertThat(ScriptReplies.executionInfo("exec", List.of(0L))).isEmpty();
        assertThatThrownBy(() -> ScriptReplies.executionInfo("exec", List.of(2L)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("info.lua");
    }

    @Test
    void flagsCountsAndPointersAreCheckedToo() {
        assertThat(ScriptReplies.flag(LuaScript.FENCE, 1L)).isTrue();
        assertThat(ScriptReplies.flag(LuaScript.SWAP, 0L)).isFalse();
        assertThatThrownBy(() -> ScriptReplies.flag(LuaScript.DELETE, 2L))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("delete.lua: 2");
        assertThat(ScriptReplies.count(LuaScript.PRUNE, 5L)).isEqualTo(5);
        assertThatThrownBy(() -> ScriptReplies.count(LuaScript.PRUNE, null)).isInstanceOf(IllegalStateException.class);
        byte[] pointer = ValueLayout.pointer(GENERATION, bytes("exec"));
        assertThat(ScriptReplies.pointer(LuaScript.CLAIM, pointer)).isSameAs(pointer);
        assertThatThrownBy(() -> ScriptReplies.pointer(LuaScript.CLAIM, bytes("short")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("claim.lua");
    }

    @Test
    void aShapeShowsStringsByLengthOnlySoNoStoredDataReachesAMessage() {
        assertThat(ScriptReplies.shape(List.of(1L, bytes("secret state"), Arrays.asList(null, List.of()))))
                .isEqualTo("[1, string of 12 bytes, [null, []]]").doesNotContain("secret");
        assertThat(ScriptReplies.shape(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L)))
                .isEqualTo("[1, 2, 3, 4, 5, 6, 7, 8, … 2 more]");
    }

    private static Checkpoint checkpoint(String id, long version) {
        return Checkpoint.builder("exec").id(id).parentId("p").nodeName("node").metadata(Map.of("k", "v"))
                .state(bytes("state of " + id)).timestamp(T).version(version).build();
    }

    private static byte[] versionValue(Checkpoint c) {
        return ValueLayout.versionValue(RedisKeys.sortableTimestamp(c.timestamp()), c.pinned(), GENERATION, c.version());
    }

    private static byte[] memberOf(String id) {
        byte[] timestamp = RedisKeys.sortableTimestamp(T);
        byte[] member = Arrays.copyOf(timestamp, timestamp.length + id.length());
        System.arraycopy(bytes(id), 0, member, timestamp.length, id.length());
        return member;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
