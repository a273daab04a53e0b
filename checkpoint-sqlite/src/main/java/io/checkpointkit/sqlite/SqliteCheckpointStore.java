package io.checkpointkit.sqlite;

import io.checkpointkit.AbstractCheckpointStore;
import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.sqlite.internal.Engine;
import io.checkpointkit.sqlite.internal.PerExecutionEngine;
import io.checkpointkit.sqlite.internal.Settings;
import io.checkpointkit.sqlite.internal.SingleFileEngine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded default {@link CheckpointStore}: checkpoints in SQLite, in one file
 * ({@link Layout#SINGLE}, the default) or in one file per execution under a directory
 * ({@link Layout#PER_EXECUTION}).
 *
 * <p>All writes go through one writer connection per file, and concurrent writes are committed
 * together (group commit): a {@code save} returns once its transaction is committed, and a
 * conflict of one caller does not fail the others of the same transaction. Readers use their
 * own pooled connections and, in WAL mode, never block the writer, so "database is locked"
 * never reaches a caller of one store. Every fast path ({@code latest}, filtered and paged
 * {@code list}, {@code trim}, {@code executions}, {@code clear}) is one SQL statement.
 *
 * <pre>{@code
 * try (SqliteCheckpointStore store = SqliteCheckpointStore.builder()
 *         .path(Path.of("checkpoints.db")).build()) {
 *     store.save(Checkpoint.builder("exec-1").state(bytes).build());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Failures of the file (not a database, read-only, disk full, locked by another
 * process for longer than {@link Builder#busyTimeout}) throw
 * {@link io.checkpointkit.CheckpointStoreUnavailableException} naming the path; a row that
 * cannot be decoded, or whose {@code load} runs into a malformed page of the file, throws
 * {@link io.checkpointkit.CheckpointCorruptedException} naming the checkpoint. After such a
 * fault the same store serves again as soon as the file does, without being reopened.
 */
public final class SqliteCheckpointStore extends AbstractCheckpointStore {

    /** Default {@code busy_timeout}: how long to wait for a lock held by another process. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** Default time opening a file may wait for another process's lock. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default time an operation may wait for the writer or a reader connection. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default number of reader connections per file. */
    public static final int DEFAULT_READER_POOL_SIZE = 4;
    /** Default bound on open execution files in the per-execution layout. */
    public static final int DEFAULT_MAX_OPEN_FILES = 64;
    /** Default bound on the writes committed in one group-commit transaction. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 256;
    /**
     * Default page cache of each connection, in bytes: 8 MiB, four times SQLite's own 2,000 KiB.
     * It keeps most inner B-tree pages of a store of a million 1 KiB checkpoints (about 3 MiB of
     * them) cached while leaf pages pass through: measured at 10^6, 2.0 page reads from the
     * operating system per {@code load} instead of 2.8. At most
     * {@code (readerPoolSize + 1) × 8 MiB} (40 MiB with the default pool) per file, and only as
     * pages are read.
     */
    public static final long DEFAULT_CACHE_SIZE = 8L << 20;
    /** Default {@code PRAGMA mmap_size}: 0, reads go through {@code pread}, not memory mapping. */
    public static final long DEFAULT_MMAP_SIZE = 0;
    /** The smallest {@link Builder#cacheSize}: 64 KiB. */
    public static final long MIN_CACHE_SIZE = 64L << 10;
    /** The largest {@link Builder#cacheSize} and {@link Builder#mmapSize}: 1 TiB. */
    public static final long MAX_MEMORY_SIZE = 1L << 40;

    /** Where the checkpoints live. */
    public enum Layout {
        /** One database file for every execution (the default). */
        SINGLE,
        /** A directory with one database file per execution, plus an index file. */
        PER_EXECUTION
    }

    /** {@code PRAGMA synchronous}: what a commit waits for. */
    public enum Synchronous {
        /**
         * The default. With WAL, a commit survives a crash of the process; a power loss may lose
         * the last commits, never corrupt the file.
         */
        NORMAL,
        /** Every commit is synced to disk: it also survives a power loss; slower. */
        FULL
    }

    /** {@code PRAGMA journal_mode}. */
    public enum JournalMode {
        /** Write-ahead log, the default: readers never block the writer, nor it them. */
        WAL,
        /** Rollback journal, deleted after each transaction; readers and the writer block each other. */
        DELETE,
        /** Rollback journal, truncated after each transaction. */
        TRUNCATE,
        /** Rollback journal, kept and zeroed after each transaction. */
        PERSIST
    }

    private final Path path;
    private final Layout layout;
    private final Engine engine;

    private SqliteCheckpointStore(Builder b) {
        this.path = b.path;
        this.layout = b.layout;
        Settings settings = new Settings(b.synchronous.name(), b.journalMode.name(), b.busyTimeout, b.foreignKeys,
                b.readerPoolSize, b.maxBatchSize, b.connectTimeout, b.timeout, b.clock,
                (b.cacheSize + 1023) / 1024, b.mmapSize);
        this.engine = layout == Layout.SINGLE
                ? new SingleFileEngine(path, settings)
                : new PerExecutionEngine(path, settings, b.maxOpenFiles);
    }

    /** Starts a builder; {@link Builder#path} or {@link Builder#directory} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The database file ({@link Layout#SINGLE}) or directory ({@link Layout#PER_EXECUTION}). */
    public Path path() {
        return path;
    }

    /** The layout of this store. */
    public Layout layout() {
        return layout;
    }

    @Override
    protected Checkpoint doSave(Checkpoint checkpoint) {
        return engine.save(checkpoint);
    }

    @Override
    protected Optional<Checkpoint> doLoad(String checkpointId) {
        return engine.load(checkpointId);
    }

    @Override
    protected List<Checkpoint> doList(String executionId) {
        return engine.list(executionId, CheckpointQuery.all());
    }

    /**
     * {@inheritDoc}
     *
     * <p>Done in one SQL statement: cursors are looked up in the same statement and the
     * metadata filter uses {@code json_each}.
     */
    @Override
    protected List<Checkpoint> doList(String executionId, CheckpointQuery query) {
        return engine.list(executionId, query);
    }

    @Override
    protected Optional<Checkpoint> doLatest(String executionId) {
        return engine.latest(executionId);
    }

    @Override
    protected boolean doDelete(String checkpointId) {
        return engine.delete(checkpointId);
    }

    @Override
    protected int doClear(String executionId) {
        return engine.clear(executionId);
    }

    /**
     * {@inheritDoc} The time of each execution's last write is kept in epoch milliseconds by the
     * builder's {@link Builder#clock clock}: in table {@code execution_writes} of a single file
     * (schema version 2; a file from before gets it on opening, with its executions counted as
     * written then), in the index of the per-execution layout. The check and the clear run in
     * one transaction of the single writer, so no write can come between them.
     */
    @Override
    protected int doClearIfIdleSince(String executionId, Instant cutoff) {
        return engine.clearIfIdleSince(executionId, cutoff);
    }

    /** {@inheritDoc} One {@code DELETE} statement. */
    @Override
    protected int doTrim(String executionId, int keepLatest) {
        return engine.trim(executionId, keepLatest);
    }

    /**
     * {@inheritDoc} In the per-execution layout, an execution whose file cannot be opened or
     * read is listed in {@link ExecutionPage#unreadable()} with the reason, and the page goes on
     * past it.
     */
    @Override
    protected ExecutionPage doExecutions(String afterExecutionId, int limit) {
        return engine.executions(afterExecutionId, limit);
    }

    /** {@link Capability#DURABLE}: the data survives closing and reopening the same path. */
    @Override
    protected Set<Capability> doCapabilities() {
        return Set.of(Capability.DURABLE);
    }

    /**
     * Removes the files of executions not written to for longer than {@code idleFor}
     * (per-execution layout only), with their checkpoints. Safe while the store is in use: a
     * file being read or written at that moment is skipped and removed by a later call. The
     * idle time is measured with the builder's {@link Builder#clock clock} from the last write
     * through this store.
     *
     * @param idleFor how long an execution must have been idle, from zero to
     *     {@link Durations#MAX} (106751 days)
     * @return how many executions were removed
     * @throws NullPointerException if {@code idleFor} is null
     * @throws IllegalArgumentException if it is negative or longer than {@link Durations#MAX}
     * @throws UnsupportedOperationException in the {@link Layout#SINGLE} layout
     * @throws IllegalStateException if the store is closed
     */
    public int removeIdleExecutions(Duration idleFor) {
        Durations.requireBetween(idleFor, Duration.ZERO, Durations.MAX, "idleFor");
        requireOpen();
        return engine.removeIdleExecutions(idleFor);
    }

    /** Closes every connection. Writes waiting for the writer fail. */
    @Override
    protected void doClose() {
        engine.close();
    }

    @Override
    public String toString() {
        return "SqliteCheckpointStore{" + layout + " " + path + '}';
    }

    /** Configures a {@link SqliteCheckpointStore}; every setter validates at once. */
    public static final class Builder {
        private Path path;
        private Layout layout = Layout.SINGLE;
        private Synchronous synchronous = Synchronous.NORMAL;
        private JournalMode journalMode = JournalMode.WAL;
        private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean foreignKeys = true;
        private int readerPoolSize = DEFAULT_READER_POOL_SIZE;
        private int maxOpenFiles = DEFAULT_MAX_OPEN_FILES;
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private long cacheSize = DEFAULT_CACHE_SIZE;
        private long mmapSize = DEFAULT_MMAP_SIZE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The database file ({@link Layout#SINGLE}) or directory ({@link Layout#PER_EXECUTION});
         * required, no default. Missing parent directories are created.
         *
         * @throws NullPointerException if {@code path} is null
         */
        public Builder path(Path path) {
            this.path = Objects.requireNonNull(path, "path must not be null");
            return this;
        }

        /**
         * The directory of the per-execution layout (no default; this or {@link #path} is
         * required): shorthand for
         * {@code path(directory).layout(Layout.PER_EXECUTION)}.
         *
         * @throws NullPointerException if {@code directory} is null
         */
        public Builder directory(Path directory) {
            return path(directory).layout(Layout.PER_EXECUTION);
        }

        /**
         * The layout; default {@link Layout#SINGLE}.
         *
         * @throws NullPointerException if null
         */
        public Builder layout(Layout layout) {
            this.layout = Objects.requireNonNull(layout, "layout must not be null");
            return this;
        }

        /**
         * {@code PRAGMA synchronous}; default {@link Synchronous#NORMAL}.
         *
         * @throws NullPointerException if null
         */
        public Builder synchronous(Synchronous synchronous) {
            this.synchronous = Objects.requireNonNull(synchronous, "synchronous must not be null");
            return this;
        }

        /**
         * {@code PRAGMA journal_mode}; default {@link JournalMode#WAL}.
         *
         * @throws NullPointerException if null
         */
        public Builder journalMode(JournalMode journalMode) {
            this.journalMode = Objects.requireNonNull(journalMode, "journalMode must not be null");
            return this;
        }

        /**
         * {@code PRAGMA busy_timeout}: how long a statement waits for a lock held by another
         * process (or another store on the same file), from 0 to 24 days; default 5 s.
         *
         * @throws NullPointerException if null
         * @throws IllegalArgumentException unless from 0 to 24 days ({@link Durations#MAX_TIMEOUT})
         */
        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = requireMillis(busyTimeout, "busyTimeout");
            return this;
        }

        /**
         * How long opening a file (creating or migrating its schema) waits for a lock held by
         * another process, from 0 to 24 days; default 10 s.
         *
         * @throws NullPointerException if null
         * @throws IllegalArgumentException unless from 0 to 24 days ({@link Durations#MAX_TIMEOUT})
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requireMillis(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long one operation waits for the writer or for a reader connection, from 1 ms to
         * 24 days; default 30 s.
         * A write that did not start in time is not written.
         *
         * @throws NullPointerException if null
         * @throws IllegalArgumentException unless from 1 ms to 24 days ({@link Durations#MAX_TIMEOUT})
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Durations.requireBetween(timeout, Duration.ofMillis(1), Durations.MAX_TIMEOUT, "timeout");
            return this;
        }

        /** {@code PRAGMA foreign_keys}; default true. */
        public Builder foreignKeys(boolean foreignKeys) {
            this.foreignKeys = foreignKeys;
            return this;
        }

        /**
         * The most reader connections per file, 1 or more; default {@value #DEFAULT_READER_POOL_SIZE}.
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder readerPoolSize(int readerPoolSize) {
            this.readerPoolSize = Arguments.requireAtLeast(readerPoolSize, 1, "readerPoolSize");
            return this;
        }

        /**
         * The most execution files kept open in the per-execution layout, least recently used
         * closed first, 1 or more; default {@value #DEFAULT_MAX_OPEN_FILES}. Files in use are never closed,
         * so the bound is exceeded while more are in use at once.
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxOpenFiles(int maxOpenFiles) {
            this.maxOpenFiles = Arguments.requireAtLeast(maxOpenFiles, 1, "maxOpenFiles");
            return this;
        }

        /**
         * The most writes committed in one group-commit transaction, 1 or more; default
         * {@value #DEFAULT_MAX_BATCH_SIZE}.
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = Arguments.requireAtLeast(maxBatchSize, 1, "maxBatchSize");
            return this;
        }

        /**
         * The page cache of each connection ({@code PRAGMA cache_size}), in bytes, applied in
         * whole KiB (rounded up), from 64 KiB ({@link #MIN_CACHE_SIZE}) to 1 TiB
         * ({@link #MAX_MEMORY_SIZE}); default {@link #DEFAULT_CACHE_SIZE}. Every connection has its
         * own: a file has up to {@link #readerPoolSize} readers and one writer, so a single file
         * may hold {@code (readerPoolSize + 1) × cacheSize} (with the defaults 5 × 8 MiB =
         * 40 MiB). SQLite fills a cache as pages are read, so a connection never holds more
         * than it has read of its file: a file smaller than the cache costs its size per
         * connection at most.
         *
         * <p>A lookup reads one page per level of each B-tree it walks; the pages near the root
         * are shared by every lookup, the leaf pages are not. SQLite's own default, 2,000 KiB,
         * loses the shared pages to passing leaves from about a million checkpoints on: measured at
         * 10^6 checkpoints of 1 KiB, a {@code load} read 2.8 pages from the operating system with
         * 2,000 KiB, 2.0 with 8 MiB, 1.7 with 32 MiB and 1.5 with 64 MiB (the rest are leaf pages,
         * which no cache smaller than the file keeps). Such a read from the operating system's
         * cache costs about a microsecond, within the noise of the measured latencies; a larger
         * cache pays where the file does not fit that cache either, or for stores of 10^7
         * checkpoints and more (about 30 MiB of shared pages).
         *
         * @throws IllegalArgumentException unless from 64 KiB to 1 TiB
         */
        public Builder cacheSize(long cacheSize) {
            this.cacheSize = Arguments.requireBetween(Long.valueOf(cacheSize), Long.valueOf(MIN_CACHE_SIZE),
                    Long.valueOf(MAX_MEMORY_SIZE), "cacheSize");
            return this;
        }

        /**
         * {@code PRAGMA mmap_size} of each connection, in bytes, from 0 to 1 TiB
         * ({@link #MAX_MEMORY_SIZE}); default 0: pages are read with {@code pread} into the
         * page cache. Above 0, SQLite maps up to that many bytes of the file and reads pages in
         * place, which saves a copy per page read from the operating system's cache.
         *
         * <p>Not the default because of faults: an I/O error while reading a mapped page (a
         * failing disk or network file system, a file truncated by another program) is a
         * {@code SIGBUS} signal, which ends the whole JVM, where {@code pread} returns an error
         * that the store reports as {@link io.checkpointkit.CheckpointStoreUnavailableException}
         * and survives. Writes never go through the mapping, so a full disk is reported as
         * before. Use it for files on a local disk that only this store writes.
         *
         * @throws IllegalArgumentException unless from 0 to 1 TiB
         */
        public Builder mmapSize(long mmapSize) {
            this.mmapSize = Arguments.requireBetween(Long.valueOf(mmapSize), Long.valueOf(0),
                    Long.valueOf(MAX_MEMORY_SIZE), "mmapSize");
            return this;
        }

        /**
         * The clock of write times: what {@link #clearIfIdleSince} and
         * {@link io.checkpointkit.ExecutionInfo#lastWriteTime()} judge idleness by, and the idle
         * times of {@link #removeIdleExecutions}; default the system UTC clock.
         *
         * @throws NullPointerException if null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Opens the store, creating the file or directory and the schema when absent.
         *
         * @throws IllegalStateException if no path was given
         * @throws io.checkpointkit.CheckpointStoreUnavailableException naming the path if it
         *     cannot be opened, is not an SQLite database, or has a newer schema version
         */
        public SqliteCheckpointStore build() {
            if (path == null) {
                throw new IllegalStateException("path (or directory) is required");
            }
            return new SqliteCheckpointStore(this);
        }

        private static Duration requireMillis(Duration d, String name) {
            return Durations.requireBetween(d, Duration.ZERO, Durations.MAX_TIMEOUT, name);
        }
    }
}
