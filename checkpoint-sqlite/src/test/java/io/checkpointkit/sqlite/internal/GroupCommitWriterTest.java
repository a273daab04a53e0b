package io.checkpointkit.sqlite.internal;

import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.sqlite.Tmpfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitWriterTest {

    @TempDir
    Path dir;

    private Database db;
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();

    @BeforeEach
    void open() throws SQLException {
        db = Database.open(dir.resolve("w.db"), settings(Duration.ofSeconds(30)), Schema.INDEX);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Settings settings(Duration timeout) {
        return new Settings("NORMAL", "WAL", Duration.ofSeconds(5), true, 2, 256, Duration.ofSeconds(5), timeout,
                Clock.systemUTC());
    }

    private GroupCommitWriter writer(Duration timeout) {
        return new GroupCommitWriter(dir, 256, timeout, new GroupCommitWriter.BatchHooks() {
            @Override
            public void afterCommit() {
                commits.incrementAndGet();
            }

            @Override
            public void afterBatch() {
                batches.incrementAndGet();
            }
        });
    }

    private GroupCommitWriter.WriteOp<String> insert(String id) {
        return ctx -> {
            PreparedStatement ps = ctx.begin(db).prepare("INSERT INTO ids (id, execution_id) VALUES (?, 'e')");
            ps.setString(1, id);
            ps.executeUpdate();
            return id;
        };
    }

    private List<String> storedIds() {
        return db.read(c -> {
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = c.prepare("SELECT id FROM ids ORDER BY id").executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    @Test
    void waitingWritesAreCommittedInOneTransactionAndOneConflictFailsOnlyItself() throws Exception {
        GroupCommitWriter writer = writer(Duration.ofSeconds(30));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> writer.submit(ctx -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return insert("holder").apply(ctx);
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "w" + i;
            boolean conflicting = i == 5;
            Thread t = new Thread(() -> {
                try {
                    outcomes.add(writer.submit(ctx -> {
                        String inserted = insert(id).apply(ctx);
                        if (conflicting) {
                            throw new CheckpointConflictException("conflict of " + inserted);
                        }
                        return inserted;
                    }));
                } catch (RuntimeException e) {
                    outcomes.add(e);
                }
            });
            callers.add(t);
            t.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.waitingCount() < 10 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(writer.waitingCount()).isEqualTo(10);
        release.countDown();
        holder.join();
        for (Thread t : callers) {
            t.join();
        }
        assertThat(batches.get()).as("the holder's batch, then one batch for the ten waiting").isEqualTo(2);
        assertThat(commits.get()).isEqualTo(2);
        assertThat(outcomes).hasSize(10);
        assertThat(outcomes.stream().filter(o -> o instanceof CheckpointConflictException)).hasSize(1);
        assertThat(storedIds()).containsExactly("holder", "w0", "w1", "w2", "w3", "w4", "w6", "w7", "w8", "w9");
    }

    /**
     * Inserts of ids into the {@code ids} table, combinable: together they are one multi-row
     * INSERT, which fails as a whole when one id is taken (a constraint), like a
     * combined save with a state too large for SQLite; ids starting with "later-" are left to run alone.
     */
    private final class CombinableInsert implements GroupCommitWriter.CombinableOp<String, String> {
        private final String id;
        private final GroupCommitWriter.Combiner<String, String> combiner;

        CombinableInsert(String id, GroupCommitWriter.Combiner<String, String> combiner) {
            this.id = id;
            this.combiner = combiner;
        }

        @Override
        public String apply(WriteContext ctx) throws SQLException {
            if (id.startsWith("later-")) {
                throw new CheckpointConflictException("conflict of " + id);
            }
            return insert(id).apply(ctx);
        }

        @Override
        public GroupCommitWriter.Combiner<String, String> combiner() {
            return combiner;
        }

        @Override
        public String input() {
            return id;
        }
    }

    private GroupCommitWriter.Combiner<String, String> multiRowInsert(List<List<String>> calls) {
        return (ctx, ids) -> {
            calls.add(List.copyOf(ids));
            List<String> written = new ArrayList<>();
            for (String id : ids) {
                if (!id.startsWith("later-")) {
                    written.add(id);
                }
            }
            PooledConnection c = ctx.begin(db);
            PreparedStatement ps = c.prepare("INSERT INTO ids (id, execution_id) VALUES "
                    + String.join(", ", Collections.nCopies(written.size(), "(?, 'e')")));
            for (int k = 0; k < written.size(); k++) {
                ps.setString(k + 1, written.get(k));
            }
            ps.executeUpdate();
            List<String> results = new ArrayList<>();
            for (String id : ids) {
                results.add(id.startsWith("later-") ? null : id);
            }
            return results;
        };
    }

    /** Submits each op from a thread of its own once the previous one waits; returns the outcomes by key. */
    private Map<String, Object> submitWhileHeld(GroupCommitWriter writer, Map<String, GroupCommitWriter.WriteOp<String>> ops)
            throws Exception {
        Map<String, Object> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService callers = Executors.newCachedThreadPool();
        try (Holder holder = new Holder(writer, insert("holder"))) {
            int waiting = 0;
            for (Map.Entry<String, GroupCommitWriter.WriteOp<String>> op : ops.entrySet()) {
                callers.submit(() -> {
                    try {
                        outcomes.put(op.getKey(), writer.submit(op.getValue()));
                    } catch (RuntimeException e) {
                        outcomes.put(op.getKey(), e);
                    }
                });
                awaitWaiting(writer, ++waiting);
            }
        }
        callers.shutdown();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        return outcomes;
    }

    @Test
    void waitingCombinableWritesRunTogetherAndWhatTheCombinerLeavesRunsAlone() throws Exception {
        List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        GroupCommitWriter.Combiner<String, String> combiner = multiRowInsert(calls);
        Map<String, GroupCommitWriter.WriteOp<String>> ops = new java.util.LinkedHashMap<>();
        for (String id : List.of("c1", "c2", "later-3", "c4")) {
            ops.put(id, new CombinableInsert(id, combiner));
        }
        ops.put("plain5", insert("plain5"));
        ops.put("c6", new CombinableInsert("c6", combiner));
        ops.put("c7", new CombinableInsert("c7", combiner));

        Map<String, Object> outcomes = submitWhileHeld(writer(Duration.ofSeconds(30)), ops);

        assertThat(calls).as("the combinable writes that start the batch run together; those after another run alone")
                .containsExactly(List.of("c1", "c2", "later-3", "c4"));
        assertThat(outcomes.get("later-3")).isInstanceOf(CheckpointConflictException.class);
        for (String id : List.of("c1", "c2", "c4", "plain5", "c6", "c7")) {
            assertThat(outcomes.get(id)).as(id).isEqualTo(id);
        }
        assertThat(batches.get()).as("the holder's batch, then one for the seven waiting").isEqualTo(2);
        assertThat(storedIds()).containsExactly("c1", "c2", "c4", "c6", "c7", "holder", "plain5");
    }

    @Test
    void aCombinedRunThatFailsIsRolledBackAndEachWriteRunsAloneSoOneBadWriteFailsOnlyItself() throws Exception {
        List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        GroupCommitWriter.Combiner<String, String> combiner = multiRowInsert(calls);
        Map<String, GroupCommitWriter.WriteOp<String>> ops = new java.util.LinkedHashMap<>();
        // "holder" is stored by the time they run: the multi-row INSERT fails on its key.
        for (String id : List.of("c1", "holder", "c3")) {
            ops.put(id, new CombinableInsert(id, combiner));
        }
        ops.put("last", insert("last"));

        Map<String, Object> outcomes = submitWhileHeld(writer(Duration.ofSeconds(30)), ops);

        assertThat(calls).containsExactly(List.of("c1", "holder", "c3"));
        assertThat(outcomes.get("holder")).isInstanceOf(CheckpointStoreUnavailableException.class);
        assertThat((Throwable) outcomes.get("holder")).hasMessageContaining("UNIQUE");
        for (String id : List.of("c1", "c3", "last")) {
            assertThat(outcomes.get(id)).as(id).isEqualTo(id);
        }
        assertThat(batches.get()).isEqualTo(2);
        assertThat(commits.get()).isEqualTo(2);
        assertThat(storedIds()).containsExactly("c1", "c3", "holder", "last");
    }

    @Test
    void aWriteThatCannotStartInTimeIsNotWritten() throws Exception {
        GroupCommitWriter writer = writer(Duration.ofMillis(200));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> writer.submit(ctx -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return insert("holder").apply(ctx);
        }));
        holder.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean ran = new AtomicBoolean();
        assertThatThrownBy(() -> writer.submit(ctx -> {
            ran.set(true);
            return insert("late").apply(ctx);
        })).isInstanceOf(CheckpointStoreUnavailableException.class).hasMessageContaining("was not written");
        release.countDown();
        holder.join();
        assertThat(ran).isFalse();
        assertThat(storedIds()).containsExactly("holder");
        writer.close();
        assertThatThrownBy(() -> writer.submit(insert("after-close"))).isInstanceOf(IllegalStateException.class);
    }

    /** A write that holds the writer (its batch running) until released. */
    private static final class Holder implements AutoCloseable {
        final CountDownLatch running = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread thread;

        Holder(GroupCommitWriter writer, GroupCommitWriter.WriteOp<String> then) throws InterruptedException {
            thread = new Thread(() -> {
                try {
                    writer.submit(ctx -> {
                        running.countDown();
                        awaitUninterruptibly(release);
                        return then.apply(ctx);
                    });
                } catch (RuntimeException e) {
                    // the tests look at the other callers
                }
            });
            thread.start();
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitWaiting(GroupCommitWriter writer, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.waitingCount() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(writer.waitingCount()).isEqualTo(count);
    }

    private static GroupCommitWriter.WriteOp<String> insertInto(Database target, String id) {
        return ctx -> {
            PreparedStatement ps = ctx.begin(target).prepare("INSERT INTO ids (id, execution_id) VALUES (?, ?)");
            ps.setString(1, id);
            // Large enough that its pages reach the WAL (and a full disk) only at COMMIT.
            ps.setString(2, "x".repeat(48 * 1024));
            ps.executeUpdate();
            return id;
        };
    }

    private static List<String> idsIn(Database target) {
        return target.read(c -> {
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = c.prepare("SELECT id FROM ids ORDER BY id").executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    @Test
    void aFileThatFailsToCommitFailsOnlyTheOperationsThatTouchedIt() throws Exception {
        try (Tmpfs fs = Tmpfs.mount(dir.resolve("fs"), "1m")) {
            Database a = Database.open(dir.resolve("a.db"), settings(Duration.ofSeconds(30)), Schema.INDEX);
            Database full = Database.open(fs.path().resolve("full.db"), settings(Duration.ofSeconds(30)), Schema.INDEX);
            Database c = Database.open(dir.resolve("c.db"), settings(Duration.ofSeconds(30)), Schema.INDEX);
            try {
                GroupCommitWriter writer = writer(Duration.ofSeconds(30));
                Map<String, Object> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
                ExecutorService callers = Executors.newCachedThreadPool();
                try (Holder holder = new Holder(writer, insertInto(a, "holder"))) {
                    fs.fill();
                    // One batch, files begun in the order a, full, c. The operation writing to
                    // both full and c is like a save of the per-execution layout (index, then
                    // execution file): when its first file fails, its second must not commit,
                    // and with it every operation on c fails.
                    List<Map.Entry<String, GroupCommitWriter.WriteOp<String>>> ops = List.of(
                            Map.entry("a1", insertInto(a, "a1")),
                            Map.entry("full2", insertInto(full, "full2")),
                            Map.entry("fullAndC3", ctx -> {
                                insertInto(full, "fullAndC3").apply(ctx);
                                return insertInto(c, "fullAndC3").apply(ctx);
                            }),
                            Map.entry("c4", insertInto(c, "c4")),
                            Map.entry("a5", insertInto(a, "a5")));
                    for (Map.Entry<String, GroupCommitWriter.WriteOp<String>> op : ops) {
                        callers.submit(() -> {
                            try {
                                outcomes.put(op.getKey(), writer.submit(op.getValue()));
                            } catch (RuntimeException e) {
                                outcomes.put(op.getKey(), e);
                            }
                        });
                        awaitWaiting(writer, ops.indexOf(op) + 1);
                    }
                }
                callers.shutdown();
                assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

                assertThat(outcomes.get("a1")).isEqualTo("a1");
                assertThat(outcomes.get("a5")).isEqualTo("a5");
                for (String failed : List.of("full2", "fullAndC3", "c4")) {
                    assertThat(outcomes.get(failed)).as(failed).isInstanceOf(CheckpointStoreUnavailableException.class);
                }
                assertThat((Throwable) outcomes.get("full2")).hasMessageContaining("disk is full")
                        .hasMessageContaining(full.file().toString());
                assertThat(idsIn(a)).containsExactly("a1", "a5", "holder");
                assertThat(idsIn(c)).isEmpty();
                assertThat(idsIn(full)).isEmpty();
                // Every writer connection is usable again.
                assertThat(writer.submit(insertInto(c, "c6"))).isEqualTo("c6");
                assertThat(idsIn(c)).containsExactly("c6");
            } finally {
                a.close();
                full.close();
                c.close();
            }
        }
    }

    @Test
    void aFailingAfterBatchHookStillCompletesEveryCallerWithItsOutcome() throws Exception {
        GroupCommitWriter writer = new GroupCommitWriter(dir, 256, Duration.ofSeconds(30),
                new GroupCommitWriter.BatchHooks() {
                    @Override
                    public void afterBatch() {
                        throw new IllegalStateException("afterBatch failed");
                    }
                });
        ExecutorService callers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true); // a caller that spins forever must not keep the JVM alive
            return t;
        });
        List<Future<String>> results = new ArrayList<>();
        try (Holder holder = new Holder(writer, insert("holder"))) {
            for (int i = 0; i < 5; i++) {
                String id = "w" + i;
                results.add(callers.submit(() -> writer.submit(insert(id))));
            }
            awaitWaiting(writer, 5);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("w" + i);
        }
        assertThat(storedIds()).containsExactly("holder", "w0", "w1", "w2", "w3", "w4");
        assertThat(writer.submit(insert("later"))).isEqualTo("later");
        callers.shutdownNow();
    }

    @Test
    void aFailingAfterCommitHookDoesNotReportTheCommittedWriteAsFailed() {
        GroupCommitWriter writer = new GroupCommitWriter(dir, 256, Duration.ofSeconds(30),
                new GroupCommitWriter.BatchHooks() {
                    @Override
                    public void afterCommit() {
                        throw new IllegalStateException("afterCommit failed");
                    }
                });
        assertThat(writer.submit(insert("committed"))).isEqualTo("committed");
        assertThat(storedIds()).containsExactly("committed");
    }

    @Test
    void anInterruptedCallerWhoseWriteIsRunningWaitsParkedAndKeepsItsInterrupt() throws Exception {
        GroupCommitWriter writer = writer(Duration.ofSeconds(30));
        CountDownLatch callerRunning = new CountDownLatch(1);
        CountDownLatch releaseCaller = new CountDownLatch(1);
        List<Object> outcome = Collections.synchronizedList(new ArrayList<>());
        Thread caller;
        try (Holder holder = new Holder(writer, insert("holder"))) {
            caller = new Thread(() -> {
                try {
                    outcome.add(writer.submit(ctx -> {
                        callerRunning.countDown();
                        awaitUninterruptibly(releaseCaller);
                        return insert("caller").apply(ctx);
                    }));
                } catch (RuntimeException e) {
                    outcome.add(e);
                }
                outcome.add(Thread.currentThread().isInterrupted());
            });
            caller.start();
            awaitWaiting(writer, 1);
        }
        // The holder's thread, still the writer, runs the caller's write in its next batch.
        assertThat(callerRunning.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        // A caller that spins is always RUNNABLE; one that parks is seen TIMED_WAITING again
        // and again.
        int parkedInARow = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (parkedInARow < 50 && System.nanoTime() < deadline) {
            parkedInARow = caller.getState() == Thread.State.TIMED_WAITING ? parkedInARow + 1 : 0;
            Thread.sleep(1);
        }
        assertThat(parkedInARow).as("samples in a row that found the interrupted caller parked").isEqualTo(50);
        releaseCaller.countDown();
        caller.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(outcome).containsExactly("caller", true);
        assertThat(storedIds()).containsExactly("caller", "holder");
    }

    @Test
    void aFileWhoseTransactionIsLostMidBatchFailsOnlyTheOperationsThatTouchedIt() throws Exception {
        Database a = Database.open(dir.resolve("a.db"), settings(Duration.ofSeconds(30)), Schema.INDEX);
        Database b = Database.open(dir.resolve("b.db"), settings(Duration.ofSeconds(30)), Schema.INDEX);
        try {
            GroupCommitWriter writer = writer(Duration.ofSeconds(30));
            Map<String, Object> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
            ExecutorService callers = Executors.newCachedThreadPool();
            try (Holder holder = new Holder(writer, insert("holder"))) {
                // As SQLite does on some errors (a full disk, an I/O error), the failing
                // operation's error has ended b's whole transaction, not only its savepoint.
                List<Map.Entry<String, GroupCommitWriter.WriteOp<String>>> ops = List.of(
                        Map.entry("b0", insertInto(b, "b0")),
                        Map.entry("a1", insertInto(a, "a1")),
                        Map.entry("b2", ctx -> {
                            insertInto(b, "b2").apply(ctx);
                            ctx.begin(b).execute("ROLLBACK");
                            throw new SQLException("disk I/O error (simulated after SQLite rolled back)");
                        }),
                        Map.entry("b3", insertInto(b, "b3")),
                        Map.entry("a4", insertInto(a, "a4")));
                for (Map.Entry<String, GroupCommitWriter.WriteOp<String>> op : ops) {
                    callers.submit(() -> {
                        try {
                            outcomes.put(op.getKey(), writer.submit(op.getValue()));
                        } catch (RuntimeException e) {
                            outcomes.put(op.getKey(), e);
                        }
                    });
                    awaitWaiting(writer, ops.indexOf(op) + 1);
                }
            }
            callers.shutdown();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

            assertThat(outcomes.get("a1")).isEqualTo("a1");
            assertThat(outcomes.get("a4")).isEqualTo("a4");
            for (String failed : List.of("b0", "b2", "b3")) {
                assertThat(outcomes.get(failed)).as(failed).isInstanceOf(CheckpointStoreUnavailableException.class);
            }
            assertThat(idsIn(a)).containsExactly("a1", "a4");
            assertThat(idsIn(b)).isEmpty();
            assertThat(writer.submit(insertInto(b, "b5"))).isEqualTo("b5");
            assertThat(idsIn(b)).containsExactly("b5");
        } finally {
            a.close();
            b.close();
        }
    }
}
