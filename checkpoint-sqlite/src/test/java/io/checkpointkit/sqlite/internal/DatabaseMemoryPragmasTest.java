package io.checkpointkit.sqlite.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseMemoryPragmasTest {

    @TempDir
    Path dir;

    private static Settings settings(long cacheSizeKiB, long mmapSizeBytes) {
        return new Settings("NORMAL", "WAL", Duration.ofSeconds(5), true, 2, 256, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Clock.systemUTC(), cacheSizeKiB, mmapSizeBytes);
    }

    @Test
    void everyReaderAndTheWriterGetTheCacheSizeAndMmapSize() throws Exception {
        Path file = dir.resolve("f.db");
        try (Database db = Database.open(file, settings(49_152, 256L << 20), Schema.SINGLE_FILE)) {
            // the writer that migrated the new file
            assertThat(pragma(db.writer(), "cache_size")).isEqualTo(-49_152);
            assertThat(pragma(db.writer(), "mmap_size")).isEqualTo(256L << 20);
            assertThat(readerPragma(db, "cache_size")).isEqualTo(-49_152);
            assertThat(readerPragma(db, "mmap_size")).isEqualTo(256L << 20);
        }
        // an up-to-date file: the reader of open(), and a writer opened on first use
        try (Database db = Database.open(file, settings(4_096, 1L << 30), Schema.SINGLE_FILE)) {
            assertThat(readerPragma(db, "cache_size")).isEqualTo(-4_096);
            assertThat(readerPragma(db, "mmap_size")).isEqualTo(1L << 30);
            assertThat(pragma(db.writer(), "cache_size")).isEqualTo(-4_096);
            assertThat(pragma(db.writer(), "mmap_size")).isEqualTo(1L << 30);
        }
    }

    @Test
    void zeroKeepsSqlitesDefaults() throws Exception {
        try (Database db = Database.open(dir.resolve("d.db"), settings(0, 0), Schema.SINGLE_FILE)) {
            assertThat(readerPragma(db, "cache_size")).isEqualTo(-2_000);
            assertThat(readerPragma(db, "mmap_size")).isZero();
            assertThat(pragma(db.writer(), "cache_size")).isEqualTo(-2_000);
        }
    }

    private static long readerPragma(Database db, String name) {
        return db.read(c -> pragma(c, name));
    }

    static long pragma(PooledConnection c, String name) throws SQLException {
        try (Statement st = c.connection().createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
