package io.checkpointkit.sqlite.internal;

import io.checkpointkit.CheckpointStoreUnavailableException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One SQLite file: its single writer connection (used only by the holder of the store's writer
 * lock) and a small pool of reader connections. In WAL mode readers see the last committed
 * state and never block the writer.
 */
public final class Database implements AutoCloseable {

    private final Path file;
    private final Settings settings;
    // Null until first use unless open() migrated the file; replaced (closed, then opened again
    // on next use) when a failed transaction cannot be ended on it; touched only by the holder
    // of the store's writer lock.
    private PooledConnection writer;
    private final BlockingQueue<PooledConnection> idleReaders = new LinkedBlockingQueue<>();
    private final Semaphore readerPermits;
    private volatile boolean closed;

    private Database(Path file, Settings settings, PooledConnection writer) {
        this.file = file;
        this.settings = settings;
        this.writer = writer;
        this.readerPermits = new Semaphore(settings.readerPoolSize());
    }

    /**
     * Opens (creating when absent) a database file and brings its schema up to date.
     *
     * <p>The schema version is read on a reader connection first, without a write transaction:
     * an up-to-date file, which is every open but the first, takes no write lock and opens no
     * writer connection (the writer is opened by the first {@link #writer()}). Only a new or
     * older file is migrated, in a write transaction that reads the version again, so two
     * threads or processes opening a new file at once migrate it once.
     *
     * @throws CheckpointStoreUnavailableException naming the file if it cannot be opened, is not
     *     a database, or has a newer schema
     */
    public static Database open(Path file, Settings settings, Schema schema) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new CheckpointStoreUnavailableException(
                        "cannot create the directory " + parent + " for SQLite database " + file + ": " + e, e);
            }
        }
        if (Files.isDirectory(file)) {
            throw new CheckpointStoreUnavailableException(
                    "SQLite database " + file + " is a directory; give a file path (or use the per-execution layout)");
        }
        PooledConnection reader = null;
        PooledConnection writer = null;
        try {
            reader = sized(PooledConnection.open(file, settings, true), settings);
            if (schema.needsMigration(reader, file)) {
                writer = sized(PooledConnection.openWriter(file, settings, schema.newFilePageSize()), settings);
                writer.execute("PRAGMA busy_timeout=" + settings.connectTimeout().toMillis());
                schema.migrate(writer, file);
                writer.execute("PRAGMA busy_timeout=" + settings.busyTimeout().toMillis());
            }
            Database db = new Database(file, settings, writer);
            db.idleReaders.offer(reader);
            return db;
        } catch (SQLException e) {
            closeAll(reader, writer);
            throw Errors.unavailable(file, e);
        } catch (RuntimeException e) {
            closeAll(reader, writer);
            throw e;
        }
    }

    /**
     * Gives a new connection the store's page cache and memory-mapping limit (each connection has
     * its own cache, so every one gets them); closes it when a pragma fails.
     */
    private static PooledConnection sized(PooledConnection c, Settings settings) throws SQLException {
        try {
            if (settings.cacheSizeKiB() > 0) {
                // Negative: a size in KiB, whatever the page size of the file.
                c.execute("PRAGMA cache_size=-" + settings.cacheSizeKiB());
            }
            if (settings.mmapSizeBytes() > 0) {
                c.execute("PRAGMA mmap_size=" + settings.mmapSizeBytes());
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static void closeAll(PooledConnection... connections) {
        for (PooledConnection c : connections) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /**
     * The writer connection; only the holder of the store's writer lock may use it. Opens one
     * on first use (an up-to-date file is opened without it) and when the last was given up by
     * {@link #abandonTransaction()}, and checks that it can write.
     *
     * @throws CheckpointStoreUnavailableException naming the file if a new connection cannot be
     *     opened
     */
    public PooledConnection writer() {
        if (writer == null) {
            PooledConnection c = null;
            try {
                c = sized(PooledConnection.openWriter(file, settings, 0), settings);
                // SQLite opens a file it may not write (read-only, immutable) read-only without
                // complaint; such a connection must not become the writer for good.
                c.execute("BEGIN IMMEDIATE");
                c.execute("ROLLBACK");
                writer = c;
            } catch (SQLException e) {
                if (c != null) {
                    c.close();
                }
                throw Errors.unavailable(file, e);
            }
        }
        return writer;
    }

    /**
     * Ends the writer's transaction after a failed batch, whatever state the failure left it in
     * (SQLite rolls some failures back by itself, others leave the transaction open). When even
     * {@code ROLLBACK} fails, the connection is closed, which rolls back, and the next
     * {@link #writer()} opens a fresh one: a failed batch never leaves the next one "within a
     * transaction". Only the holder of the store's writer lock may call this.
     */
    void abandonTransaction() {
        if (writer == null) {
            return;
        }
        try {
            writer.control("ROLLBACK");
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                writer.close();
                writer = null;
            }
        }
    }

    /**
     * Runs read-only work on a pooled reader connection.
     *
     * @throws CheckpointStoreUnavailableException naming the file on a driver failure, or when no
     *     reader connection frees up within the store's timeout
     */
    public <T> T read(SqlFunction<PooledConnection, T> work) {
        try {
            if (!readerPermits.tryAcquire() && !readerPermits.tryAcquire(settings.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new CheckpointStoreUnavailableException("no reader connection of SQLite database " + file
                        + " became free within " + settings.timeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointStoreUnavailableException("interrupted waiting for SQLite database " + file, e);
        }
        PooledConnection c = null;
        try {
            c = idleReaders.poll();
            if (c == null) {
                c = sized(PooledConnection.open(file, settings, true), settings);
            }
            return work.apply(c);
        } catch (SQLException e) {
            throw Errors.unavailable(file, e);
        } finally {
            if (c != null) {
                if (closed) {
                    c.close();
                } else {
                    idleReaders.offer(c);
                    if (closed && idleReaders.remove(c)) {
                        c.close();
                    }
                }
            }
            readerPermits.release();
        }
    }

    /** Closes every connection; a reader in use is closed when it is returned. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        PooledConnection c;
        while ((c = idleReaders.poll()) != null) {
            c.close();
        }
        if (writer != null) {
            writer.close();
        }
    }
}
