package io.checkpointkit.sqlite;

import io.checkpointkit.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class PageSizeTest {

    @TempDir
    Path dir;

    @Test
    void aNewSingleFileHasEightKibPages() throws Exception {
        Path file = dir.resolve("new.db");
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(file).build()) {
            store.save(Checkpoint.builder("e").id("1").build());
        }
        assertThat(pageSize(file)).isEqualTo(8192);
    }

    /**
     * A file made before the store chose 8 KiB pages (SQLite's default 4 KiB, WAL set before the
     * first table, as the store did) keeps its page size, and is read and written as before.
     */
    @Test
    void anExistingFourKibFileKeepsItsPagesAndIsReadAndWritten() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement()) {
            st.execute("PRAGMA page_size=4096");
            st.execute("PRAGMA journal_mode=WAL");
        }
        int rows = 40;
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(file).build()) {
            for (int i = 0; i < rows / 2; i++) {
                store.save(checkpoint(i));
            }
        }
        try (SqliteCheckpointStore store = SqliteCheckpointStore.builder().path(file).build()) {
            for (int i = rows / 2; i < rows; i++) {
                store.save(checkpoint(i));
            }
            for (int i = 0; i < rows; i++) {
                assertThat(store.load("c" + i)).get().extracting(Checkpoint::state)
                        .isEqualTo(checkpoint(i).state());
            }
            assertThat(store.list("e")).hasSize(rows);
        }
        assertThat(pageSize(file)).isEqualTo(4096);
        assertThat(SqliteFiles.integrityCheck(file)).isEqualTo("ok");
    }

    private static Checkpoint checkpoint(int i) {
        byte[] state = new byte[1024];
        Arrays.fill(state, (byte) i);
        return Checkpoint.builder("e").id("c" + i).state(state).build();
    }

    private static int pageSize(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA page_size")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
