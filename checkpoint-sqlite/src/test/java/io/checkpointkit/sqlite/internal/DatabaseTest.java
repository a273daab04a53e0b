package io.checkpointkit.sqlite.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {

    @TempDir
    Path dir;

    // Short lock waits: an open that asked for a write lock would fail (SQLITE_BUSY) quickly.
    private static final Settings SETTINGS = new Settings("NORMAL", "WAL", Duration.ofMillis(200), true, 2, 256,
            Duration.ofMillis(200), Duration.ofSeconds(5), Clock.systemUTC());

    @Test
    void openingAnUpToDateFileTakesNoWriteLock() throws Exception {
        Path file = dir.resolve("f.db");
        Database.open(file, SETTINGS, Schema.CHECKPOINTS).close();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = other.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try (Database db = Database.open(file, SETTINGS, Schema.CHECKPOINTS)) {
                int rows = db.read(c -> count(c.connection(), "SELECT count(*) FROM checkpoints"));
                assertThat(rows).isZero();
            }
            st.execute("ROLLBACK");
        }
    }

    @Test
    void threadsOpeningANewFileAtOnceMigrateItOnce() throws Exception {
        openAtOnce(dir.resolve("new.db"), 6);
    }

    /**
     * Many rounds of the race above, each on a fresh file: a writer that sets WAL mode on a new
     * file while another thread's connection holds a lock of its own can be refused at once
     * (SQLITE_BUSY without the busy handler, SQLite's deadlock avoidance); the open must wait
     * and try again instead of failing.
     */
    @Test
    void roundAfterRoundOfThreadsOpeningANewFileAtOnceEveryOpenSucceeds() throws Exception {
        for (int round = 0; round < 40; round++) {
            openAtOnce(dir.resolve("round-" + round + ".db"), 8);
        }
    }

    private void openAtOnce(Path file, int threads) throws Exception {
        Settings patient = new Settings("NORMAL", "WAL", Duration.ofSeconds(10), true, 2, 256,
                Duration.ofSeconds(10), Duration.ofSeconds(10), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Database>> opened = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    return Database.open(file, patient, Schema.SINGLE_FILE);
                }));
            }
            start.countDown();
            for (Future<Database> f : opened) {
                f.get().close();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(count(c, "SELECT count(*) FROM schema_version"))
                    .isEqualTo(Schema.SINGLE_FILE.currentVersion());
            assertThat(count(c, "SELECT count(DISTINCT version) FROM schema_version"))
                    .isEqualTo(Schema.SINGLE_FILE.currentVersion());
        }
    }

    @Test
    void aNewSingleFileGetsEightKibPagesTheOtherKindsKeepFourKib() throws Exception {
        for (Schema schema : Schema.values()) {
            Path file = dir.resolve(schema + ".db");
            Database.open(file, SETTINGS, schema).close();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                assertThat(count(c, "PRAGMA page_size")).as(schema.name())
                        .isEqualTo(schema == Schema.SINGLE_FILE ? 8192 : 4096);
                assertThat(count(c, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"))
                        .as("%s is in WAL mode", schema).isEqualTo(1);
            }
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
