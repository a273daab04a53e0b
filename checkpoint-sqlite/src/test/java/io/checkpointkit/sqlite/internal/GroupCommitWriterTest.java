package io.checkpointkit.sqlite.internal;

import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointStoreUnavailableException;
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
import java.util.concurrent.CountDownLatch;
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
}
