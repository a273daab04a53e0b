package io.checkpointkit.sqlite.internal;

import io.checkpointkit.CheckpointStoreUnavailableException;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned schema of one kind of database file. Migration {@code i} (1-based) takes a file
 * from version {@code i - 1} to {@code i}; the applied version is kept in {@code schema_version}.
 * A file whose version is newer than this code knows is refused before anything is written.
 */
public enum Schema {

    /**
     * A file of one execution of the per-execution layout. SQLite's default 4 KiB pages: such a
     * file holds tens of rows, and its partly filled last pages and the five B-tree roots cost
     * more with 8 KiB pages than the fuller pages save (1,397 instead of 1,227 bytes of overhead
     * per checkpoint at 10^4 checkpoints in 194 files).
     */
    CHECKPOINTS(0, List.of(Statements.CHECKPOINTS_V1)),

    /**
     * The file of a single-file store: the checkpoint table, then (version 2) the time of each
     * execution's last write ({@link ExecutionWrites}). 8 KiB pages (see
     * {@link Statements#CHECKPOINT_PAGE_SIZE}).
     */
    SINGLE_FILE(Statements.CHECKPOINT_PAGE_SIZE, List.of(Statements.CHECKPOINTS_V1, ExecutionWrites.MIGRATION)),

    /**
     * The index of the per-execution layout: which execution owns an id, which executions exist.
     * Its rows are small, so the page size does not change how well they fill a page; SQLite's
     * default 4 KiB.
     */
    INDEX(0, List.of(List.of(
            "CREATE TABLE ids (id TEXT NOT NULL PRIMARY KEY, execution_id TEXT NOT NULL)",
            "CREATE INDEX ids_by_execution ON ids (execution_id)",
            // last_write: epoch milliseconds of the last save or delete, by the store's clock, for
            // clearIfIdleSince and the idle cleanup.
            "CREATE TABLE executions (execution_id TEXT NOT NULL PRIMARY KEY,"
                    + " file_name TEXT NOT NULL, last_write INTEGER NOT NULL)",
            "CREATE INDEX executions_by_last_write ON executions (last_write)")));

    private final int newFilePageSize;
    private final List<List<String>> migrations;

    /** Statements shared by several kinds of file (an enum constant cannot name a static field of its own). */
    private static final class Statements {
        // A checkpoint row of 1 KiB state takes about 1.15 KiB; a 4 KiB page holds 3 of them and
        // leaves about 600 bytes unused, an 8 KiB page holds 7 and leaves about 100.
        static final int CHECKPOINT_PAGE_SIZE = 8192;
        static final List<String> CHECKPOINTS_V1 = List.of(
                // id and execution_id compare BINARY (the default collation): UTF-8 byte order,
                // which is code point order. ts is epoch microseconds. pinned mirrors
                // metadata "pinned" = "true" so that trim needs no JSON.
                "CREATE TABLE checkpoints ("
                        + " id TEXT NOT NULL PRIMARY KEY,"
                        + " execution_id TEXT NOT NULL,"
                        + " parent_id TEXT,"
                        + " node_name TEXT NOT NULL,"
                        + " state BLOB NOT NULL,"
                        + " metadata TEXT NOT NULL,"
                        + " ts INTEGER NOT NULL,"
                        + " version INTEGER NOT NULL,"
                        + " pinned INTEGER NOT NULL)",
                // Serves latest (backwards), ordered and ranged list, trim and executions.
                "CREATE INDEX checkpoints_by_execution ON checkpoints (execution_id, ts, id)");
    }

    Schema(int newFilePageSize, List<List<String>> migrations) {
        this.newFilePageSize = newFilePageSize;
        this.migrations = migrations;
    }

    /**
     * The {@code PRAGMA page_size} a new file of this kind is created with, or 0 for SQLite's
     * default (4096). Files made with another page size keep theirs.
     */
    int newFilePageSize() {
        return newFilePageSize;
    }

    /**
     * Reads the file's schema version on any connection, without a write transaction.
     *
     * @return whether {@link #migrate} has work to do (the file is new or older)
     * @throws CheckpointStoreUnavailableException if the file's schema is newer than this code's
     */
    boolean needsMigration(PooledConnection c, Path file) throws SQLException {
        int version = 0;
        try (Statement st = c.connection().createStatement()) {
            boolean versioned;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                    + " AND name = 'schema_version'")) {
                versioned = rs.next() && rs.getInt(1) > 0;
            }
            if (versioned) {
                version = version(st);
            }
        }
        requireKnown(version, file);
        return version < currentVersion();
    }

    private static int version(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private void requireKnown(int version, Path file) {
        if (version > currentVersion()) {
            throw new CheckpointStoreUnavailableException("SQLite database " + file + " has schema version "
                    + version + ", newer than the version " + currentVersion()
                    + " this checkpoint-sqlite understands; upgrade checkpoint-sqlite to open it."
                    + " Nothing was written.");
        }
    }

    /** The schema version this code writes. */
    public int currentVersion() {
        return migrations.size();
    }

    /**
     * Creates or migrates the schema in one transaction on the writer connection.
     *
     * @throws CheckpointStoreUnavailableException if the file's schema is newer than this code's
     */
    void migrate(PooledConnection c, Path file) throws SQLException {
        c.execute("BEGIN IMMEDIATE");
        boolean committed = false;
        try {
            c.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version;
            try (Statement st = c.connection().createStatement()) {
                version = version(st);
            }
            requireKnown(version, file);
            for (int v = version + 1; v <= currentVersion(); v++) {
                for (String sql : migrations.get(v - 1)) {
                    c.execute(sql);
                }
                c.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
            }
            c.execute("COMMIT");
            committed = true;
        } finally {
            if (!committed) {
                try {
                    c.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // The transaction may already be gone; the original failure matters.
                }
            }
        }
    }
}
