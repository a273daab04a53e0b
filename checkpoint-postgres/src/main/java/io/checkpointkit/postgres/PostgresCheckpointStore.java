package io.checkpointkit.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.checkpointkit.AbstractCheckpointStore;
import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Durations;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.spi.StoreUri;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link CheckpointStore} on PostgreSQL: one table, state as {@code bytea}, metadata as
 * {@code jsonb}, timestamps as {@code timestamptz}, and an index on
 * {@code (execution_id, ts, id)} in {@code COLLATE "C"} (code point) order.
 *
 * <p>Every operation is one SQL statement, so one round trip: {@code save} inserts or
 * compares-and-sets in a single statement that also checks the execution that owns the id;
 * {@code trim} deletes in a single statement; metadata filters use {@code jsonb} containment.
 * The table is created and migrated at start-up ({@link Builder#build()}) under an advisory
 * lock, so many instances may start at once; a table of that name that is not a checkpoint
 * table (another tool's) is refused, never altered.
 *
 * <pre>{@code
 * try (PostgresCheckpointStore store = PostgresCheckpointStore
 *         .builder("postgresql://app@db.example:5432/app?table=agent_checkpoints&poolSize=8").build()) {
 *     store.save(Checkpoint.builder("exec-42").state(bytes).build());
 * }
 * }</pre>
 *
 * <p>A store built from a URI owns its HikariCP pool and closes it; a store built on the
 * caller's {@link DataSource} never closes it. Connection failures and timeouts surface as
 * {@link CheckpointStoreUnavailableException}; the store recovers by itself when the database
 * is back. Thread-safe. {@link #toString()} and exception messages never hold the password.
 */
public final class PostgresCheckpointStore extends AbstractCheckpointStore {

    /** The schema used when none is given: {@value}. */
    public static final String DEFAULT_SCHEMA = "public";
    /**
     * The table used when none is given: {@value}. Versions before it used {@code checkpoints},
     * a name LangGraph's PostgresSaver also uses; when {@value} does not exist in the schema but
     * a checkpoint table of ours named {@code checkpoints} does, that one is used instead, so an
     * existing store keeps its data. A {@code checkpoints} table of another tool is left alone.
     */
    public static final String DEFAULT_TABLE = "checkpointkit_checkpoints";
    /** The most connections of a pool the store builds, when not given: {@value}. */
    public static final int DEFAULT_POOL_SIZE = 8;
    /** The largest pool size accepted: {@value}. */
    public static final int MAX_POOL_SIZE = 1000;
    /** How long opening or waiting for a connection may take, when not given: 5 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one operation may wait for the server, when not given: 10 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The driver's {@code sslmode} when not given: {@value}. */
    public static final String DEFAULT_SSL_MODE = "prefer";
    /** The {@code application_name} of the connections when not given: {@value}. */
    public static final String DEFAULT_APPLICATION_NAME = "checkpointkit";

    private static final List<String> SSL_MODES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private final SqlRunner runner;
    private final String name;
    private final CheckpointStatements statements;
    private final int migrationsApplied;

    private PostgresCheckpointStore(SqlRunner runner, TableName table, String name, int migrationsApplied) {
        this.runner = runner;
        this.name = name;
        this.statements = new CheckpointStatements(new CheckpointSql(table), Clock.systemUTC());
        this.migrationsApplied = migrationsApplied;
    }

    /**
     * Starts a store that builds and owns a connection pool, from a {@code postgresql://} URI
     * (options as listed in {@link PostgresCheckpointStoreProvider}).
     *
     * @param uri for example {@code postgresql://app:secret@db:5432/app?table=agent_checkpoints}
     * @return a builder; its setters override the URI's options
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if the URI is malformed, not {@code postgresql:}, or has
     *     an unknown or invalid option; the message masks the password
     */
    public static Builder builder(String uri) {
        return builder(StoreUri.parse(Objects.requireNonNull(uri, "uri must not be null"), java.util.Map.of()));
    }

    /**
     * Starts a store that builds and owns a connection pool, from a parsed URI.
     *
     * @param uri the parsed URI
     * @return a builder; its setters override the URI's options
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if the scheme is not {@code postgresql} or
     *     {@code postgres}, or an option is unknown or invalid
     */
    public static Builder builder(StoreUri uri) {
        return new Builder(Objects.requireNonNull(uri, "uri must not be null"), null);
    }

    /**
     * Starts a store on the caller's own {@link DataSource}, which the store never closes.
     * Timeouts, pool size and TLS are the data source's; only {@link Builder#schema} and
     * {@link Builder#table} apply. Connections may come in autocommit mode or not.
     *
     * @param dataSource a data source of PostgreSQL connections
     * @return a builder
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(null, Objects.requireNonNull(dataSource, "dataSource must not be null"));
    }

    @Override
    protected Checkpoint doSave(Checkpoint checkpoint) {
        return checkpoint.withVersion(runner.run("save", c -> statements.save(c, checkpoint)));
    }

    @Override
    protected Optional<Checkpoint> doLoad(String checkpointId) {
        return runner.run("load", c -> statements.load(c, checkpointId));
    }

    @Override
    protected List<Checkpoint> doList(String executionId) {
        return runner.run("list", c -> statements.list(c, executionId));
    }

    @Override
    protected Optional<Checkpoint> doLatest(String executionId) {
        return runner.run("latest", c -> statements.latest(c, executionId));
    }

    @Override
    protected List<Checkpoint> doList(String executionId, CheckpointQuery query) {
        return runner.run("list", c -> statements.query(c, executionId, query));
    }

    @Override
    protected boolean doDelete(String checkpointId) {
        return runner.run("delete", c -> statements.delete(c, checkpointId));
    }

    @Override
    protected int doClear(String executionId) {
        return runner.run("clear", c -> statements.clear(c, executionId));
    }

    @Override
    protected int doTrim(String executionId, int keepLatest) {
        return runner.run("trim", c -> statements.trim(c, executionId, keepLatest));
    }

    /**
     * {@inheritDoc} One statement. The time of each execution's last write is kept in table
     * {@code <table>_writes} (schema version 2; a table from before gets it at start-up, with
     * its executions counted as written then), stamped by the writing process's system UTC
     * clock. Every write locks its execution's row there first, so the clear and a write of the
     * same execution are serialised: a write never lands in a clear that did not see it.
     */
    @Override
    protected int doClearIfIdleSince(String executionId, Instant cutoff) {
        return runner.run("clearIfIdleSince", c -> statements.clearIfIdleSince(c, executionId, cutoff));
    }

    @Override
    protected ExecutionPage doExecutions(String afterExecutionId, int limit) {
        return runner.run("executions", c -> statements.executions(c, afterExecutionId, limit));
    }

    /** {@link Capability#DURABLE}: the data is in PostgreSQL. */
    @Override
    protected Set<Capability> doCapabilities() {
        return Set.of(Capability.DURABLE);
    }

    /** Closes the pool the store built; a caller's {@link DataSource} stays open. */
    @Override
    protected void doClose() {
        runner.close();
    }

    /** Names the table and the server, never the password. */
    @Override
    public String toString() {
        return "PostgresCheckpointStore{" + name + (isClosed() ? ", closed" : "") + '}';
    }

    /** How many migrations this instance applied when it started (0 when already done). */
    int migrationsApplied() {
        return migrationsApplied;
    }

    /**
     * @param givenTable the table, or null to choose the default ({@link DefaultTable})
     * @param where how messages name the database after the table, without a password
     */
    private static PostgresCheckpointStore start(DataSource dataSource, HikariDataSource ownedPool,
                                                 String schema, TableName givenTable, String where) {
        // Named by its schema until the default table is chosen, then by the table.
        Failures failures = new Failures((givenTable == null ? "the default table in \"" + schema + '"'
                : givenTable.toString()) + where);
        try {
            TableName table = givenTable != null ? givenTable
                    : SqlRunner.inConnection(dataSource, c -> DefaultTable.choose(c, schema));
            String name = table + where;
            failures = new Failures(name);
            int applied = SqlRunner.inConnection(dataSource, c -> new SchemaMigrator(table).migrate(c));
            return new PostgresCheckpointStore(new SqlRunner(dataSource, ownedPool, failures), table, name, applied);
        } catch (SQLException e) {
            closeQuietly(ownedPool);
            throw failures.translate("start-up (schema migration)", e);
        } catch (RuntimeException e) {
            closeQuietly(ownedPool);
            throw e;
        }
    }

    private static void closeQuietly(HikariDataSource pool) {
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * Configures a {@link PostgresCheckpointStore}. Setters validate at once and throw
     * {@link IllegalArgumentException} naming the setting; the pool settings
     * ({@code poolSize}, timeouts, {@code sslMode}, {@code applicationName}) apply only to a
     * store built from a URI and throw {@link IllegalStateException} on a builder of a
     * {@link DataSource}, rather than being silently ignored. Not thread-safe.
     */
    public static final class Builder {
        private final StoreUri uri;
        private final DataSource dataSource;
        private String schema = DEFAULT_SCHEMA;
        private String table;
        private int poolSize = DEFAULT_POOL_SIZE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration statementTimeout;
        private String sslMode = DEFAULT_SSL_MODE;
        private String applicationName = DEFAULT_APPLICATION_NAME;

        private Builder(StoreUri uri, DataSource dataSource) {
            this.uri = uri;
            this.dataSource = dataSource;
            if (uri != null) {
                if (!PostgresCheckpointStoreProvider.SCHEMES.contains(uri.scheme()) || !uri.hierarchical()) {
                    throw new IllegalArgumentException("not a PostgreSQL URI: '" + uri
                            + "'; expected postgresql://[user[:password]@]host[:port]/database[?options]");
                }
                uri.requireKnownOptions(PostgresCheckpointStoreProvider.OPTIONS);
                uri.option("schema").ifPresent(this::schema);
                uri.option("table").ifPresent(this::table);
                poolSize(uri.intOption("poolSize", DEFAULT_POOL_SIZE, 1, MAX_POOL_SIZE));
                connectTimeout(uri.durationOption("connectTimeout", DEFAULT_CONNECT_TIMEOUT, Durations.MAX_TIMEOUT));
                timeout(uri.durationOption("timeout", DEFAULT_TIMEOUT, Durations.MAX_TIMEOUT));
                uri.option("statementTimeout").ifPresent(v -> statementTimeout(uri.durationOption("statementTimeout", null, Durations.MAX_TIMEOUT)));
                uri.option("sslmode").ifPresent(this::sslMode);
                uri.option("applicationName").ifPresent(this::applicationName);
            }
        }

        /**
         * The schema of the table, a plain identifier; created when missing. Default {@value PostgresCheckpointStore#DEFAULT_SCHEMA}.
         *
         * @param schema the value
         * @return this builder
         * @throws IllegalArgumentException unless a plain identifier ({@code [A-Za-z_][A-Za-z0-9_]*},
         *     at most 63 characters, not starting with {@code pg_})
         */
        public Builder schema(String schema) {
            this.schema = TableName.requireIdentifier(schema, "schema", TableName.MAX_SCHEMA_LENGTH);
            return this;
        }

        /**
         * The table, a plain identifier; created when missing. Default {@value PostgresCheckpointStore#DEFAULT_TABLE}, or
         * {@code checkpoints} where that is an existing checkpoint table of an earlier version and
         * the default does not exist (see {@link PostgresCheckpointStore#DEFAULT_TABLE}). A table
         * of this name that is not a checkpoint table is refused at {@link #build()}.
         *
         * @param table the value
         * @return this builder
         * @throws IllegalArgumentException unless a plain identifier ({@code [A-Za-z_][A-Za-z0-9_]*},
         *     at most 40 characters)
         */
        public Builder table(String table) {
            this.table = TableName.requireIdentifier(table, "table", TableName.MAX_TABLE_LENGTH);
            return this;
        }

        /**
         * The most connections of the pool, from 1 to {@value PostgresCheckpointStore#MAX_POOL_SIZE};
         * it starts with one and grows on demand. Default
         * {@value PostgresCheckpointStore#DEFAULT_POOL_SIZE}.
         *
         * @param poolSize the value
         * @return this builder
         * @throws IllegalArgumentException unless between 1 and {@value PostgresCheckpointStore#MAX_POOL_SIZE}
         * @throws IllegalStateException on a builder of a {@link DataSource}
         */
        public Builder poolSize(int poolSize) {
            requirePool("poolSize");
            this.poolSize = Arguments.requireBetween(poolSize, 1, MAX_POOL_SIZE, "poolSize");
            return this;
        }

        /**
         * How long opening a connection, or waiting for a free one, may take before the
         * operation fails with {@link CheckpointStoreUnavailableException}, from 250 ms to 24 days.
         * Default 5 seconds.
         *
         * @param connectTimeout the value
         * @return this builder
         * @throws IllegalArgumentException unless from 250 ms (HikariCP's minimum) to 24 days
         *     ({@link Durations#MAX_TIMEOUT}; the driver takes {@code int} milliseconds)
         * @throws IllegalStateException on a builder of a {@link DataSource}
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = poolDuration(connectTimeout, Duration.ofMillis(250), "connectTimeout");
            return this;
        }

        /**
         * How long one operation may wait for the server's answer (the socket read timeout,
         * rounded up to whole seconds) before it fails with
         * {@link CheckpointStoreUnavailableException}, from 1 ms to 24 days. Default 10 seconds.
         *
         * @param timeout the value
         * @return this builder
         * @throws IllegalArgumentException unless from 1 ms to 24 days ({@link Durations#MAX_TIMEOUT};
         *     the driver's socket timeout is an {@code int} of milliseconds)
         * @throws IllegalStateException on a builder of a {@link DataSource}
         */
        public Builder timeout(Duration timeout) {
            this.timeout = poolDuration(timeout, Duration.ofMillis(1), "timeout");
            return this;
        }

        /**
         * The server's {@code statement_timeout}, from 1 ms to 24 days: the server cancels a
         * statement running longer. Default: the same as {@link #timeout(Duration)}.
         *
         * @param statementTimeout the value
         * @return this builder
         * @throws IllegalArgumentException unless from 1 ms to 24 days ({@link Durations#MAX_TIMEOUT};
         *     the server's {@code statement_timeout} is an {@code int} of milliseconds)
         * @throws IllegalStateException on a builder of a {@link DataSource}
         */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = poolDuration(statementTimeout, Duration.ofMillis(1), "statementTimeout");
            return this;
        }

        /**
         * The driver's {@code sslmode}: {@code disable}, {@code allow}, {@code prefer},
         * {@code require}, {@code verify-ca} or {@code verify-full}. Default
         * {@value PostgresCheckpointStore#DEFAULT_SSL_MODE}.
         *
         * @param sslMode the value
         * @return this builder
         * @throws IllegalArgumentException for any other value
         * @throws IllegalStateException on a builder of a {@link DataSource}
         */
        public Builder sslMode(String sslMode) {
            requirePool("sslmode");
            Objects.requireNonNull(sslMode, "sslmode must not be null");
            Arguments.requireArgument(SSL_MODES.contains(sslMode),
                    "sslmode must be one of " + SSL_MODES + ", was '" + sslMode + "'");
            this.sslMode = sslMode;
            return this;
        }

        /**
         * The {@code application_name} the connections show in {@code pg_stat_activity}, 1 to 63
         * characters.
         * Default {@value PostgresCheckpointStore#DEFAULT_APPLICATION_NAME}.
         *
         * @param applicationName the value
         * @return this builder
         * @throws IllegalArgumentException if blank or longer than 63 characters
         * @throws IllegalStateException on a builder of a {@link DataSource}
         */
        public Builder applicationName(String applicationName) {
            requirePool("applicationName");
            Objects.requireNonNull(applicationName, "applicationName must not be null");
            Arguments.requireArgument(!applicationName.isBlank() && applicationName.length() <= 63,
                    "applicationName must be 1 to 63 characters, was '" + applicationName + "'");
            this.applicationName = applicationName;
            return this;
        }

        /**
         * Builds the pool (from a URI), creates or migrates the table, and returns the open
         * store.
         *
         * @return the store; the caller closes it
         * @throws CheckpointStoreUnavailableException if the database cannot be reached within
         *     the connect timeout
         * @throws io.checkpointkit.CheckpointException if the table is at a newer schema version than this code
         *     knows, if a table of that name exists but is not a checkpoint table (the message names
         *     it and says how to choose another), or the migration fails; nothing is written then
         */
        public PostgresCheckpointStore build() {
            TableName tableName = table == null ? null : TableName.of(schema, table);
            if (dataSource != null) {
                return start(dataSource, null, schema, tableName, " via " + dataSource.getClass().getName());
            }
            String database = uri.path().startsWith("/") ? uri.path().substring(1) : uri.path();
            PoolSettings settings = new PoolSettings(uri.hosts(), database.isEmpty() ? null : database,
                    uri.option("user").orElse(uri.user().orElse(null)),
                    uri.option("password").orElse(uri.password().orElse(null)), poolSize, connectTimeout,
                    timeout, statementTimeout == null ? timeout : statementTimeout, sslMode, applicationName);
            String where = (uri.hosts().isEmpty() ? "localhost" : uri.hosts().toString()
                    .replace(" ", "").replace("[", "").replace("]", "")) + "/" + database;
            HikariDataSource pool = settings.open();
            return start(pool, pool, schema, tableName, " at postgresql://" + where);
        }

        private void requirePool(String setting) {
            if (dataSource != null) {
                throw new IllegalStateException(setting + " applies only to the pool a store builds from a URI;"
                        + " configure it on your own DataSource instead");
            }
        }

        /** A duration of the pool the store builds: from {@code min} to {@link Durations#MAX_TIMEOUT}. */
        private Duration poolDuration(Duration value, Duration min, String name) {
            requirePool(name);
            return Durations.requireBetween(value, min, Durations.MAX_TIMEOUT, name);
        }
    }
}
