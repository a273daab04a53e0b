package io.checkpointkit.postgres;

import io.checkpointkit.CheckpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a checkpoint table to the schema version this code knows, at start-up.
 *
 * <p>Every step runs in one transaction that first takes a transaction-scoped advisory lock
 * keyed by the table, so stores that start together queue up: the first migrates, the others
 * find the work done. The transaction is the store's own whether or not the connection came in
 * autocommit mode. Applied versions are rows of {@code <table>_schema_version}; a database at a
 * version newer than {@link #LATEST_VERSION} is refused before anything is written, and so is a
 * table of that name that is not a checkpoint table ({@link ExistingTable}).
 */
final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    /** One step of the schema; {@code {t}} is the table, {@code {ix}} the execution index. */
    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "checkpoint table and (execution_id, ts, id) index", List.of(
                    // COLLATE "C": ids order by code point, and the indexes serve that order.
                    "CREATE TABLE IF NOT EXISTS {t} ("
                            + "id text COLLATE \"C\" PRIMARY KEY,"
                            + " execution_id text COLLATE \"C\" NOT NULL,"
                            + " parent_id text COLLATE \"C\","
                            + " node_name text NOT NULL,"
                            + " state bytea NOT NULL,"
                            + " metadata jsonb NOT NULL DEFAULT '{}'::jsonb,"
                            + " ts timestamptz NOT NULL,"
                            + " version bigint NOT NULL)",
                    // Serves latest, list, queries with cursors, trim, clear and executions.
                    "CREATE INDEX IF NOT EXISTS {ix} ON {t} (execution_id, ts, id)")),
            new Migration(2, "time of the last write per execution, for clearIfIdleSince", List.of(
                    // One row per execution: every write locks and updates it (CheckpointSql).
                    "CREATE TABLE IF NOT EXISTS {w} ("
                            + "execution_id text COLLATE \"C\" PRIMARY KEY,"
                            + " last_write timestamptz NOT NULL)",
                    // The real last writes of the executions already there are unknown: count
                    // them as written now, so that none is cleared sooner than it was before.
                    "INSERT INTO {w} (execution_id, last_write)"
                            + " SELECT execution_id, now() FROM {t} GROUP BY execution_id"
                            + " ON CONFLICT (execution_id) DO NOTHING")));

    static final int LATEST_VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    static final String VERSION_TABLE_SUFFIX = "_schema_version";
    static final String EXECUTION_INDEX_SUFFIX = "_execution_ts_id";
    static final String WRITES_TABLE_SUFFIX = "_writes";

    private final TableName table;

    SchemaMigrator(TableName table) {
        this.table = table;
    }

    /**
     * Migrates under the advisory lock and commits.
     *
     * @return how many migrations this call applied (0 when another store had done them)
     * @throws CheckpointException if the table is at a newer version than this code knows, or is
     *     not a checkpoint table
     * @throws SQLException if the database fails
     */
    int migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            int applied = migrateLocked(connection);
            connection.commit();
            return applied;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    private int migrateLocked(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, table.advisoryLockKey());
            lock.execute();
        }
        // Before any write: never add our bookkeeping or indexes to another tool's table.
        ExistingTable existing = ExistingTable.inspect(connection, table);
        if (existing.foreign()) {
            throw existing.refusal(table);
        }
        String versionTable = table.qualified(VERSION_TABLE_SUFFIX);
        try (Statement ddl = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_namespace WHERE nspname = ?", table.schema())) {
                ddl.execute("CREATE SCHEMA IF NOT EXISTS " + table.quotedSchema());
            }
            if (!exists(connection, "SELECT 1 WHERE to_regclass(?) IS NOT NULL", versionTable)) {
                ddl.execute("CREATE TABLE IF NOT EXISTS " + versionTable + " (version integer PRIMARY KEY,"
                        + " description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            }
            int current;
            try (ResultSet rs = ddl.executeQuery("SELECT coalesce(max(version), 0) FROM " + versionTable)) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > LATEST_VERSION) {
                throw new CheckpointException("table " + table + " is at schema version " + current
                        + ", newer than the latest this checkpoint-postgres knows (" + LATEST_VERSION
                        + "); nothing was written. Upgrade checkpoint-postgres, or use another table.");
            }
            int applied = 0;
            for (Migration m : MIGRATIONS) {
                if (m.version() <= current) {
                    continue;
                }
                for (String sql : m.statements()) {
                    ddl.execute(sql.replace("{t}", table.qualified())
                            .replace("{w}", table.qualified(WRITES_TABLE_SUFFIX))
                            .replace("{ix}", table.quotedName(EXECUTION_INDEX_SUFFIX)));
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO " + versionTable + " (version, description) VALUES (?, ?)")) {
                    record.setInt(1, m.version());
                    record.setString(2, m.description());
                    record.executeUpdate();
                }
                LOG.info("Migrated {} to schema version {}: {}", table, m.version(), m.description());
                applied++;
            }
            return applied;
        }
    }

    private static boolean exists(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
