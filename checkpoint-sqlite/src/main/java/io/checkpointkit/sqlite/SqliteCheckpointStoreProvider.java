package io.checkpointkit.sqlite;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreProvider;
import io.checkpointkit.spi.Durations;
import io.checkpointkit.spi.StoreUri;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Opens {@link SqliteCheckpointStore}s for {@code sqlite:} URIs, found by
 * {@link io.checkpointkit.CheckpointStores#open(String)}:
 *
 * <pre>
 * sqlite:./checkpoints.db
 * sqlite:/var/lib/app/checkpoints.db?synchronous=full&amp;busyTimeout=10s
 * sqlite:./data/sessions?layout=per-execution&amp;maxOpenFiles=128
 * </pre>
 *
 * The path is relative to the working directory unless absolute; {@code sqlite:///abs/path.db}
 * is accepted too. Options (names as in {@link SqliteCheckpointStore.Builder}): {@code layout}
 * ({@code single}, {@code per-execution}), {@code synchronous} ({@code normal}, {@code full}),
 * {@code journalMode} ({@code wal}, {@code delete}, {@code truncate}, {@code persist}),
 * {@code busyTimeout}, {@code connectTimeout}, {@code timeout} (durations such as {@code 5s} or
 * {@code PT5S}), {@code foreignKeys} ({@code true}, {@code false}), {@code readerPoolSize},
 * {@code maxOpenFiles}, {@code maxBatchSize}, {@code cacheSize}, {@code mmapSize} (sizes in bytes,
 * or with a binary unit: {@code 64MiB}, {@code 512KiB}, {@code 1GiB}; {@code k}, {@code m},
 * {@code g}, {@code t} work too). Unknown options are rejected.
 */
public final class SqliteCheckpointStoreProvider implements CheckpointStoreProvider {

    /** The options a {@code sqlite:} URI may carry. */
    public static final Set<String> OPTIONS = Set.of("layout", "synchronous", "journalMode", "busyTimeout",
            "connectTimeout", "timeout", "foreignKeys", "readerPoolSize", "maxOpenFiles", "maxBatchSize", "cacheSize",
            "mmapSize");

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public SqliteCheckpointStoreProvider() {
    }

    /** {@code sqlite}. */
    @Override
    public Set<String> schemes() {
        return Set.of("sqlite");
    }

    /**
     * Opens a store for a {@code sqlite:} URI.
     *
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if the URI has a host or no path, or an option is
     *     unknown or invalid (the message names it)
     * @throws io.checkpointkit.CheckpointStoreUnavailableException naming the path if it cannot
     *     be opened
     */
    @Override
    public CheckpointStore open(StoreUri uri) {
        if (!uri.hosts().isEmpty()) {
            throw new IllegalArgumentException("a sqlite: URI names a file, not a host: " + uri
                    + "; write sqlite:./file.db or sqlite:/absolute/file.db");
        }
        if (uri.path().isEmpty()) {
            throw new IllegalArgumentException("a sqlite: URI needs a path, as in sqlite:./checkpoints.db; was " + uri);
        }
        uri.requireKnownOptions(OPTIONS);
        SqliteCheckpointStore.Builder b = SqliteCheckpointStore.builder()
                .path(Path.of(uri.path()))
                .layout(choice(uri, "layout", "single", SqliteCheckpointStore.Layout.class))
                .synchronous(choice(uri, "synchronous", "normal", SqliteCheckpointStore.Synchronous.class))
                .journalMode(choice(uri, "journalMode", "wal", SqliteCheckpointStore.JournalMode.class))
                .busyTimeout(uri.durationOption("busyTimeout", SqliteCheckpointStore.DEFAULT_BUSY_TIMEOUT, Durations.MAX_TIMEOUT))
                .connectTimeout(uri.durationOption("connectTimeout", SqliteCheckpointStore.DEFAULT_CONNECT_TIMEOUT, Durations.MAX_TIMEOUT))
                .timeout(uri.durationOption("timeout", SqliteCheckpointStore.DEFAULT_TIMEOUT, Durations.MAX_TIMEOUT))
                .foreignKeys(uri.booleanOption("foreignKeys", true))
                .readerPoolSize(uri.intOption("readerPoolSize", SqliteCheckpointStore.DEFAULT_READER_POOL_SIZE,
                        1, 1024))
                .maxOpenFiles(uri.intOption("maxOpenFiles", SqliteCheckpointStore.DEFAULT_MAX_OPEN_FILES,
                        1, 100_000))
                .maxBatchSize(uri.intOption("maxBatchSize", SqliteCheckpointStore.DEFAULT_MAX_BATCH_SIZE,
                        1, 100_000))
                .cacheSize(size(uri, "cacheSize", SqliteCheckpointStore.DEFAULT_CACHE_SIZE))
                .mmapSize(size(uri, "mmapSize", SqliteCheckpointStore.DEFAULT_MMAP_SIZE));
        return b.build();
    }

    /**
     * A size in bytes: digits, optionally followed by a binary unit ({@code KiB}, {@code MiB},
     * {@code GiB}, {@code TiB}, or just {@code k}, {@code m}, {@code g}, {@code t}; any case).
     */
    static long size(StoreUri uri, String option, long defaultValue) {
        String value = uri.option(option).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        int digits = 0;
        while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
            digits++;
        }
        int shift = switch (v.substring(digits).trim()) {
            case "", "b" -> 0;
            case "k", "kib" -> 10;
            case "m", "mib" -> 20;
            case "g", "gib" -> 30;
            case "t", "tib" -> 40;
            default -> -1;
        };
        if (digits == 0 || digits > 15 || shift < 0) {
            throw new IllegalArgumentException("option " + option
                    + " must be a size in bytes or with a binary unit, as in 64MiB, 512KiB or 1GiB; was '" + value + "'");
        }
        long number = Long.parseLong(v.substring(0, digits));
        if (number > (SqliteCheckpointStore.MAX_MEMORY_SIZE >> shift)) {
            throw new IllegalArgumentException("option " + option + " must be at most 1TiB, was '" + value + "'");
        }
        return number << shift;
    }

    private static <E extends Enum<E>> E choice(StoreUri uri, String option, String defaultValue, Class<E> type) {
        String value = uri.option(option).orElse(defaultValue);
        String constant = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(constant)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalArgumentException("option " + option + " must be one of " + allowed + ", was '" + value + "'");
    }
}
