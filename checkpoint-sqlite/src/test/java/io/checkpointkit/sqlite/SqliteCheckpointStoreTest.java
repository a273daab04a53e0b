package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour of the store that the TCK does not pin down, in both layouts. */
class SqliteCheckpointStoreTest {

    @TempDir
    Path dir;

    static final List<String> HOSTILE = List.of(
            "'; DROP TABLE checkpoints; --", "\"quoted\"", "{json}", "a:b:c", "a/b", "../x", "..", ".",
            "%s%n%25", "*?[]", "with spaces", "CON", "nul", "\uD83D\uDE00 emoji \uD83D\uDC4D", "EVAL redis.call('FLUSHALL')",
            "x".repeat(511) + "\uD83D\uDE00", "\uD83D\uDE00".repeat(512), "\\back\\slash", "日本語");

    private SqliteCheckpointStore open(SqliteCheckpointStore.Layout layout) {
        return SqliteCheckpointStore.builder().path(dir.resolve(layout == SqliteCheckpointStore.Layout.SINGLE
                ? "store.db" : "store")).layout(layout).build();
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void hostileIdsRoundTripAsCheckpointAndExecutionIds(SqliteCheckpointStore.Layout layout) {
        try (SqliteCheckpointStore store = open(layout)) {
            for (String id : HOSTILE) {
                Checkpoint cp = Checkpoint.builder(id).id(id).parentId(id).nodeName(id)
                        .putMetadata(id, id).state(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
                Checkpoint saved = store.save(cp);
                assertThat(saved.version()).isEqualTo(1);
                assertThat(store.load(id)).contains(saved);
                assertThat(store.list(id)).containsExactly(saved);
                assertThat(store.latest(id)).contains(saved);
                assertThat(store.list(id, CheckpointQuery.builder().metadata(id, id).build())).containsExactly(saved);
            }
            List<String> listed = new ArrayList<>();
            ExecutionPage page = store.executions(null, 5);
            while (true) {
                page.items().stream().map(ExecutionInfo::executionId).forEach(listed::add);
                if (page.nextAfter().isEmpty()) {
                    break;
                }
                page = store.executions(page.nextAfter().get(), 5);
            }
            List<String> expected = new ArrayList<>(HOSTILE);
            expected.sort(io.checkpointkit.spi.Ids::compare);
            assertThat(listed).containsExactlyElementsOf(expected);
        }
        try (SqliteCheckpointStore store = open(layout)) {
            for (String id : HOSTILE) {
                assertThat(store.load(id)).hasValueSatisfying(c -> assertThat(c.executionId()).isEqualTo(id));
                assertThat(store.delete(id)).isTrue();
                assertThat(store.load(id)).isEmpty();
            }
            assertThat(store.executions(null, 100).items()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void idsOrderByCodePointNotByUtf16(SqliteCheckpointStore.Layout layout) {
        // U+FF5E sorts before U+1F600 by code point, after it by String.compareTo (surrogates).
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        try (SqliteCheckpointStore store = open(layout)) {
            Checkpoint emoji = store.save(Checkpoint.builder("e").id("\uD83D\uDE00").timestamp(t).build());
            Checkpoint wide = store.save(Checkpoint.builder("e").id("\uFF5E").timestamp(t).build());
            assertThat(store.list("e")).containsExactly(wide, emoji);
            assertThat(store.latest("e")).contains(emoji);
        }
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void extremeTimestampsRoundTripAndOrder(SqliteCheckpointStore.Layout layout) {
        try (SqliteCheckpointStore store = open(layout)) {
            Checkpoint min = store.save(Checkpoint.builder("e").id("min").timestamp(Checkpoint.MIN_TIMESTAMP).build());
            Checkpoint epochMinus = store.save(Checkpoint.builder("e").id("pre")
                    .timestamp(Instant.parse("1969-12-31T23:59:59.999999Z")).build());
            Checkpoint max = store.save(Checkpoint.builder("e").id("max").timestamp(Checkpoint.MAX_TIMESTAMP).build());
            assertThat(store.list("e")).containsExactly(min, epochMinus, max);
            assertThat(store.executions(null, 10).items())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("lastWriteTime")
                    .containsExactly(new ExecutionInfo("e", 3, Checkpoint.MAX_TIMESTAMP));
        }
    }

    /**
     * Runs {@code saves} saves on each of {@code threads} threads, started together; thread
     * {@code n} saves {@code checkpoint.apply(n, k)} as its k-th. Returns every outcome: the saved
     * checkpoint or the exception.
     */
    private static List<Object> saveConcurrently(CheckpointStore store, int threads, int saves,
            java.util.function.BiFunction<Integer, Integer, Checkpoint> checkpoint) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        List<Object> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        for (int i = 0; i < threads; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int k = 0; k < saves; k++) {
                        try {
                            outcomes.add(store.save(checkpoint.apply(n, k)));
                        } catch (CheckpointConflictException e) {
                            outcomes.add(e);
                        }
                    }
                } catch (Exception e) {
                    outcomes.add(e);
                }
            });
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        return outcomes;
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void aConflictInAGroupCommitDoesNotFailTheOthers(SqliteCheckpointStore.Layout layout) throws Exception {
        try (SqliteCheckpointStore store = open(layout)) {
            store.save(Checkpoint.builder("e").id("taken").build());
            int threads = 8;
            // every other save conflicts (stale version)
            List<Object> outcomes = saveConcurrently(store, threads, 50, (n, k) -> Checkpoint.builder("e")
                    .id(k % 2 == 0 ? "ok-" + n + "-" + k : "taken").version(k % 2 == 0 ? 0 : 99).build());
            assertThat(outcomes).hasSize(threads * 50);
            assertThat(outcomes.stream().filter(o -> o instanceof CheckpointConflictException)).hasSize(threads * 25);
            assertThat(outcomes.stream().filter(o -> o instanceof Exception
                    && !(o instanceof CheckpointConflictException))).isEmpty();
            assertThat(store.list("e")).hasSize(threads * 25 + 1);
            assertThat(store.load("taken")).hasValueSatisfying(c -> assertThat(c.version()).isEqualTo(1));
        }
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void anOwnershipConflictOfAnUnconditionalSaveInAGroupCommitDoesNotFailTheOthers(
            SqliteCheckpointStore.Layout layout) throws Exception {
        try (SqliteCheckpointStore store = open(layout)) {
            store.save(Checkpoint.builder("other").id("taken").build());
            int threads = 8;
            // every third save (version 0) takes an id of another execution; every fifth saves
            // its execution's first id again
            List<Object> outcomes = saveConcurrently(store, threads, 50, (n, k) -> Checkpoint.builder("e" + n)
                    .id(k % 3 == 0 ? "taken" : k % 5 == 0 ? "again-" + n : "ok-" + n + "-" + k)
                    .state(new byte[] {k.byteValue()}).build());
            assertThat(outcomes).hasSize(threads * 50);
            assertThat(outcomes.stream().filter(o -> o instanceof CheckpointConflictException)).hasSize(threads * 17);
            assertThat(outcomes.stream().filter(o -> o instanceof Exception
                    && !(o instanceof CheckpointConflictException))).isEmpty();
            for (int n = 0; n < threads; n++) {
                // of 50 saves, 17 conflict (k = 0, 3, … 48) and 6 update "again-n" (k = 5, 10, 20, 25, 35, 40)
                assertThat(store.list("e" + n)).hasSize(50 - 17 - 6 + 1);
                assertThat(store.load("again-" + n)).hasValueSatisfying(c -> {
                    assertThat(c.version()).isEqualTo(6);
                    assertThat(c.state()).containsExactly(40);
                });
            }
            assertThat(store.load("taken")).hasValueSatisfying(c -> {
                assertThat(c.executionId()).isEqualTo("other");
                assertThat(c.version()).isEqualTo(1);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void trimKeepsPinnedAndTheNewest(SqliteCheckpointStore.Layout layout) {
        try (SqliteCheckpointStore store = open(layout)) {
            Instant t = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0; i < 50; i++) {
                store.save(Checkpoint.builder("e").id(String.format("c%02d", i)).timestamp(t.plusSeconds(i))
                        .pinned(i == 3).build());
            }
            assertThat(store.trim("e", 10)).isEqualTo(39);
            assertThat(store.list("e")).extracting(Checkpoint::id)
                    .containsExactly("c03", "c40", "c41", "c42", "c43", "c44", "c45", "c46", "c47", "c48", "c49");
            // trimmed ids are free again, in any execution
            assertThat(store.save(Checkpoint.builder("other").id("c00").build()).version()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void clearedIdsCanBeReusedInAnotherExecution(SqliteCheckpointStore.Layout layout) {
        try (SqliteCheckpointStore store = open(layout)) {
            store.save(Checkpoint.builder("a").id("x").build());
            assertThatThrownBy(() -> store.save(Checkpoint.builder("b").id("x").build()))
                    .isInstanceOf(CheckpointConflictException.class);
            assertThat(store.clear("a")).isEqualTo(1);
            assertThat(store.save(Checkpoint.builder("b").id("x").build()).executionId()).isEqualTo("b");
            assertThat(store.load("x")).hasValueSatisfying(c -> assertThat(c.executionId()).isEqualTo("b"));
            assertThat(store.executions(null, 10).items()).extracting(ExecutionInfo::executionId).containsExactly("b");
        }
    }

    @ParameterizedTest
    @EnumSource(SqliteCheckpointStore.Layout.class)
    void closedStoreRejectsCallsAndCloseIsIdempotent(SqliteCheckpointStore.Layout layout) {
        SqliteCheckpointStore store = open(layout);
        store.close();
        store.close();
        assertThatThrownBy(() -> store.save(Checkpoint.builder("e").build())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.latest("e")).isInstanceOf(IllegalStateException.class);
    }

    @org.junit.jupiter.api.Test
    void storeUsesWalAndTheIndexForOrderedReads() throws Exception {
        Path file = dir.resolve("plan.db");
        SqliteCheckpointStore.builder().path(file).build().close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet mode = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
            for (String sql : List.of(
                    "SELECT * FROM checkpoints WHERE execution_id = 'e' ORDER BY ts DESC, id DESC LIMIT 1",
                    "SELECT execution_id, count(*), max(ts) FROM checkpoints WHERE execution_id > 'a'"
                            + " GROUP BY execution_id ORDER BY execution_id LIMIT 10")) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = c.createStatement().executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                    while (rs.next()) {
                        plan.append(rs.getString(4)).append('\n');
                    }
                }
                assertThat(plan.toString()).contains("checkpoints_by_execution").doesNotContain("TEMP B-TREE");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void uriOpensBothLayoutsAndRejectsUnknownOptions() {
        String base = dir.toAbsolutePath().toString();
        try (CheckpointStore store = CheckpointStores.open("sqlite:" + base + "/u.db?synchronous=full&busyTimeout=2s")) {
            assertThat(store).isInstanceOf(SqliteCheckpointStore.class);
            assertThat(((SqliteCheckpointStore) store).layout()).isEqualTo(SqliteCheckpointStore.Layout.SINGLE);
            store.save(Checkpoint.builder("e").id("1").build());
        }
        try (CheckpointStore store = CheckpointStores.open("sqlite:" + base + "/sessions",
                Map.of("layout", "per-execution", "maxOpenFiles", "2", "timeout", "PT5S"))) {
            assertThat(((SqliteCheckpointStore) store).layout()).isEqualTo(SqliteCheckpointStore.Layout.PER_EXECUTION);
            store.save(Checkpoint.builder("e").id("1").build());
        }
        assertThatThrownBy(() -> CheckpointStores.open("sqlite:" + base + "/x.db?sychronous=full"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sychronous");
        assertThatThrownBy(() -> CheckpointStores.open("sqlite:" + base + "/x.db?layout=sharded"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per-execution");
        assertThatThrownBy(() -> CheckpointStores.open("sqlite:" + base + "/x.db?readerPoolSize=0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readerPoolSize");
        assertThatThrownBy(() -> CheckpointStores.open("sqlite:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a path");
    }
}
