package io.checkpointkit.postgres;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreProvider;
import io.checkpointkit.spi.StoreUri;

import java.util.Set;

/**
 * Opens {@link PostgresCheckpointStore}s for {@code postgresql://} (and {@code postgres://})
 * URIs, found by {@link io.checkpointkit.CheckpointStores#open(String)}:
 *
 * <pre>
 * postgresql://user:password@host:5432/database?table=agent_checkpoints&amp;schema=public&amp;poolSize=8
 * </pre>
 *
 * <p>Several hosts may be given ({@code host1:5432,host2:5432}); the default host is
 * {@code localhost}, the default port 5432, the default database the server's (the user's
 * name). Options, each optional:
 * <ul>
 *   <li>{@code schema} (default {@code public}) and {@code table} (default
 *       {@code checkpointkit_checkpoints}, or an existing {@code checkpoints} table of an earlier
 *       version, see {@link PostgresCheckpointStore#DEFAULT_TABLE}): plain identifiers, created
 *       when missing; a table of that name that is not a checkpoint table is refused;
 *   <li>{@code poolSize} (default 8): the most pooled connections;
 *   <li>{@code connectTimeout} (default {@code 5s}): to open or wait for a connection;
 *   <li>{@code timeout} (default {@code 10s}): how long one operation waits for the server;
 *   <li>{@code statementTimeout} (default: {@code timeout}): the server's statement_timeout;
 *   <li>{@code sslmode} (default {@code prefer}): the driver's sslmode;
 *   <li>{@code applicationName} (default {@code checkpointkit});
 *   <li>{@code user} and {@code password}: instead of the URI's user info, for example passed
 *       in the options map of {@code CheckpointStores.open(uri, options)}.
 * </ul>
 * Durations are ISO-8601 ({@code PT2S}) or a number with a unit ({@code 2s}, {@code 500ms}).
 * Unknown options are rejected.
 */
public final class PostgresCheckpointStoreProvider implements CheckpointStoreProvider {

    static final Set<String> SCHEMES = Set.of("postgresql", "postgres");

    static final Set<String> OPTIONS = Set.of("schema", "table", "poolSize", "connectTimeout", "timeout",
            "statementTimeout", "sslmode", "applicationName", "user", "password");

    /** For {@link java.util.ServiceLoader}. */
    public PostgresCheckpointStoreProvider() {
    }

    /** {@code postgresql} and {@code postgres}. */
    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    /**
     * Opens a store that owns its connection pool; the table is created or migrated first.
     *
     * @throws IllegalArgumentException if an option is unknown or invalid; the message masks
     *     the password
     * @throws io.checkpointkit.CheckpointStoreUnavailableException if the database cannot be
     *     reached within {@code connectTimeout}
     * @throws io.checkpointkit.CheckpointException if the table is at a newer schema version
     *     than this code knows, or exists but is not a checkpoint table
     */
    @Override
    public CheckpointStore open(StoreUri uri) {
        return PostgresCheckpointStore.builder(uri).build();
    }
}
