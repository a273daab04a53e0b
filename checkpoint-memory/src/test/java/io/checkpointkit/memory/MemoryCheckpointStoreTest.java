package io.checkpointkit.memory;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour specific to the memory store; the shared contract is checked by the TCK. */
class MemoryCheckpointStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final MemoryCheckpointStore store = MemoryCheckpointStore.create();

    @AfterEach
    void close() {
        store.close();
    }

    private static Checkpoint cp(String executionId, String id, int second) {
        return Checkpoint.builder(executionId).id(id).timestamp(T0.plusSeconds(second)).build();
    }

    @Test
    void blindWritesCountVersionsFromOne() {
        assertThat(store.save(cp("e", "a", 1)).version()).isEqualTo(1);
        assertThat(store.save(cp("e", "a", 1)).version()).isEqualTo(2);
        assertThat(store.load("a")).map(Checkpoint::version).contains(2L);
    }

    @Test
    void compareAndSetWritesOnlyOverTheExpectedVersion() {
        Checkpoint first = store.save(cp("e", "a", 1));
        Checkpoint second = store.save(first.toBuilder().nodeName("next").build());
        assertThat(second.version()).isEqualTo(2);
        assertThatThrownBy(() -> store.save(first.toBuilder().nodeName("stale").build()))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("expected version 1").hasMessageContaining("stored version is 2");
        assertThat(store.load("a")).map(Checkpoint::nodeName).contains("next");
        assertThatThrownBy(() -> store.save(cp("e", "absent", 1).toBuilder().version(3).build()))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("nothing is stored");
        assertThat(store.load("absent")).isEmpty();
        assertThat(store.executions(null, 10).items()).extracting(ExecutionInfo::executionId).containsExactly("e");
    }

    @Test
    void anIdCannotMoveToAnotherExecutionAndTheConflictLeavesNoEmptyExecution() {
        store.save(cp("owner", "a", 1));
        assertThatThrownBy(() -> store.save(cp("thief", "a", 2)))
                .isInstanceOf(CheckpointConflictException.class)
                .hasMessageContaining("owner").hasMessageContaining("thief");
        assertThat(store.list("thief")).isEmpty();
        assertThat(store.executions(null, 10).items()).extracting(ExecutionInfo::executionId)
                .containsExactly("owner");
        assertThat(store.delete("a")).isTrue();
        assertThat(store.save(cp("thief", "a", 2)).version()).isEqualTo(1);
    }

    @Test
    void updatingTheTimestampMovesTheCheckpointInTheOrder() {
        store.save(cp("e", "a", 1));
        store.save(cp("e", "b", 2));
        Checkpoint moved = store.save(store.load("a").orElseThrow().toBuilder().timestamp(T0.plusSeconds(3)).build());
        assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("b", "a");
        assertThat(store.latest("e")).contains(moved);
        assertThat(store.executions(null, 1).items().get(0).checkpointCount()).isEqualTo(2);
    }

    @Test
    void storedStateCannotBeChangedThroughTheCallersArrays() {
        byte[] bytes = "state".getBytes(StandardCharsets.UTF_8);
        store.save(Checkpoint.builder("e").id("a").state(bytes).build());
        bytes[0] = 'X';
        store.load("a").orElseThrow().state()[1] = 'Y';
        assertThat(new String(store.load("a").orElseThrow().state(), StandardCharsets.UTF_8)).isEqualTo("state");
    }

    @Test
    void queriesAgreeWithTheReferenceSemanticsOfCheckpointQueryApply() {
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            // Few distinct timestamps, so ties on the timestamp are frequent.
            store.save(Checkpoint.builder("e").id("cp-" + random.nextInt(1000) + "-" + i)
                    .timestamp(T0.plusSeconds(random.nextInt(8)))
                    .putMetadata("k", String.valueOf(random.nextInt(3)))
                    .pinned(random.nextInt(5) == 0).build());
        }
        List<Checkpoint> all = store.list("e");
        List<String> ids = new ArrayList<>();
        all.forEach(c -> ids.add(c.id()));
        ids.add("not-in-execution");
        for (int i = 0; i < 500; i++) {
            CheckpointQuery.Builder b = CheckpointQuery.builder().newestFirst(random.nextBoolean());
            if (random.nextBoolean()) {
                b.limit(random.nextInt(12));
            }
            if (random.nextInt(3) == 0) {
                b.after(ids.get(random.nextInt(ids.size())));
            }
            if (random.nextInt(3) == 0) {
                b.before(ids.get(random.nextInt(ids.size())));
            }
            if (random.nextInt(3) == 0) {
                b.metadata("k", String.valueOf(random.nextInt(4)));
            }
            CheckpointQuery query = b.build();
            assertThat(store.list("e", query)).as(query.toString()).isEqualTo(query.apply(all));
        }
    }

    @Test
    void aCursorOfAnotherExecutionSelectsNothing() {
        store.save(cp("e", "a", 1));
        store.save(cp("e", "b", 2));
        store.save(cp("other", "x", 0));
        assertThat(store.list("e", CheckpointQuery.builder().after("x").build())).isEmpty();
        assertThat(store.list("e", CheckpointQuery.builder().before("x").build())).isEmpty();
        assertThat(store.list("e", CheckpointQuery.builder().after("a").build()))
                .extracting(Checkpoint::id).containsExactly("b");
    }

    @Test
    void trimKeepsPinnedAndTheNewestUnpinnedAndTouchesNoOtherExecution() {
        for (int i = 0; i < 6; i++) {
            store.save(Checkpoint.builder("e").id("c" + i).timestamp(T0.plusSeconds(i)).pinned(i == 1).build());
        }
        store.save(cp("other", "o", 0));
        assertThat(store.trim("e", 2)).isEqualTo(3);
        assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("c1", "c4", "c5");
        assertThat(store.load("c0")).isEmpty();
        assertThat(store.list("other")).hasSize(1);
        assertThat(store.trim("e", 0)).isEqualTo(2);
        assertThat(store.list("e")).extracting(Checkpoint::id).containsExactly("c1");
    }

    @Test
    void anEmptiedExecutionDisappearsFromTheExecutionsAndCanBeRefilled() {
        store.save(cp("e", "a", 1));
        assertThat(store.trim("e", 0)).isEqualTo(1);
        assertThat(store.executions(null, 10).items()).isEmpty();
        assertThat(store.latest("e")).isEmpty();
        store.save(cp("e", "b", 1));
        assertThat(store.executions(null, 10).items()).extracting(ExecutionInfo::executionId).containsExactly("e");
        assertThat(store.clear("e")).isEqualTo(1);
        assertThat(store.clear("e")).isZero();
        assertThat(store.executions(null, 10).items()).isEmpty();
    }

    @Test
    void executionsArePagedInCodePointOrderNotStringCompareToOrder() {
        String bmpLast = "\uFFFF";          // after every BMP char, before every supplementary one
        String emoji = "\uD83D\uDE00";      // U+1F600; String.compareTo puts it before U+FFFF
        for (String e : List.of("b", emoji, "a", bmpLast)) {
            store.save(Checkpoint.builder(e).timestamp(T0).build());
            store.save(Checkpoint.builder(e).timestamp(T0.plusSeconds(e.length())).build());
        }
        ExecutionPage first = store.executions(null, 2);
        assertThat(first.items()).extracting(ExecutionInfo::executionId).containsExactly("a", "b");
        assertThat(first.nextAfter()).contains("b");
        ExecutionPage second = store.executions(first.nextAfter().orElseThrow(), 2);
        assertThat(second.items()).extracting(ExecutionInfo::executionId).containsExactly(bmpLast, emoji);
        assertThat(second.items().get(1).checkpointCount()).isEqualTo(2);
        assertThat(second.items().get(1).lastTimestamp()).isEqualTo(T0.plusSeconds(2));
        assertThat(store.executions(emoji, 2).items()).isEmpty();
        assertThat(store.executions(emoji, 2).nextAfter()).isEmpty();
    }

    @Test
    void hostileIdsRoundTrip() {
        List<String> ids = List.of("'; DROP TABLE checkpoints; --", "{tag}:*", "../../etc/passwd", "100% \"quoted\"",
                "EVAL \"return 1\" 0", "emoji \uD83D\uDE80 and spaces", "x".repeat(512));
        for (String id : ids) {
            store.save(Checkpoint.builder(id).id(id).parentId(id).metadata(Map.of(id, id)).build());
        }
        for (String id : ids) {
            Checkpoint c = store.load(id).orElseThrow();
            assertThat(c.executionId()).isEqualTo(id);
            assertThat(c.metadata()).containsEntry(id, id);
            assertThat(store.list(id)).containsExactly(c);
        }
    }

    @Test
    void badArgumentsFailBeforeTouchingTheStore() {
        assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.load("a\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpointId");
        assertThatThrownBy(() -> store.list("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.trim("e", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keepLatest");
        assertThatThrownBy(() -> store.executions(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list("e", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void closeIsIdempotentAndLaterCallsThrow() {
        store.save(cp("e", "a", 1));
        store.close();
        store.close();
        assertThatThrownBy(() -> store.load("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.save(cp("e", "b", 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.latest("e")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.list("e", CheckpointQuery.all())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.trim("e", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.executions(null, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(store::capabilities).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void declaresNoCapability() {
        assertThat(store.capabilities()).isEmpty();
    }
}
