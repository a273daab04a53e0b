package io.checkpointkit.sqlite.internal;

import java.time.Clock;
import java.time.Duration;

/**
 * The connection settings every database file of one store is opened with. Values are validated
 * by the public builder; this record only carries them.
 *
 * @param synchronous the {@code PRAGMA synchronous} value, {@code NORMAL} or {@code FULL}
 * @param journalMode the {@code PRAGMA journal_mode} value, for example {@code WAL}
 * @param busyTimeout how long a connection waits for a lock held by another process
 * @param foreignKeys the {@code PRAGMA foreign_keys} value
 * @param readerPoolSize the most reader connections per database file
 * @param maxBatchSize the most writes committed in one group-commit transaction
 * @param connectTimeout how long opening a file waits for a lock held by another process
 * @param timeout how long a caller waits for its operation
 * @param clock the time source for the idle times of executions
 * @param cacheSizeKiB the page cache of each connection in KiB ({@code PRAGMA cache_size=-N}),
 *     or 0 to keep SQLite's default (2,000 KiB)
 * @param mmapSizeBytes {@code PRAGMA mmap_size} of each connection; 0 reads with {@code pread}
 */
public record Settings(String synchronous, String journalMode, Duration busyTimeout, boolean foreignKeys,
                       int readerPoolSize, int maxBatchSize, Duration connectTimeout, Duration timeout,
                       Clock clock, long cacheSizeKiB, long mmapSizeBytes) {

    /** Settings with SQLite's own page cache (2,000 KiB per connection) and no memory mapping. */
    public Settings(String synchronous, String journalMode, Duration busyTimeout, boolean foreignKeys,
                    int readerPoolSize, int maxBatchSize, Duration connectTimeout, Duration timeout, Clock clock) {
        this(synchronous, journalMode, busyTimeout, foreignKeys, readerPoolSize, maxBatchSize, connectTimeout, timeout,
                clock, 0, 0);
    }
}
