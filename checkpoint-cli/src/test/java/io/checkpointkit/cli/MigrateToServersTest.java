package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.testsupport.TestServers;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrate from SQLite to the servers: PostgreSQL (in a schema of its own, dropped afterwards)
 * and Redis (under a key prefix of its own, deleted afterwards; the shared Redis is never
 * flushed). Servers are found by {@link TestServers}.
 */
class MigrateToServersTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private final String token = "ckcli" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private String source() {
        String uri = "sqlite:" + dir.resolve("from.db");
        try (CheckpointStore store = cli.open(uri)) {
            MigrationFixture.fill(store);
        }
        return uri;
    }

    @Test
    void migrateFromSqliteToPostgresVerifiesAndIsRerunnable() throws SQLException {
        String server = TestServers.postgres();
        String to = server + (server.contains("?") ? "&" : "?") + "schema=" + token + "&table=checkpoints";
        String from = source();
        try {
            Cli.Result r = cli.run("migrate", "--from", from, "--to", to);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            MigrationFixture.assertCopied(r, cli, from, to);

            Cli.Result again = cli.run("migrate", "--from", from, "--to", to);
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.out()).containsPattern("copied\\s+0\n")
                    .containsPattern("skipped \\(already there\\)\\s+" + MigrationFixture.TOTAL + "\n");
        } finally {
            dropSchema(server);
        }
    }

    @Test
    void migrateFromSqliteToRedisVerifies() {
        String server = TestServers.redis();
        String to = server + (server.contains("?") ? "&" : "?") + "prefix=" + token;
        String from = source();
        try {
            Cli.Result r = cli.run("migrate", "--from", from, "--to", to);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            MigrationFixture.assertCopied(r, cli, from, to);
        } finally {
            deleteKeys(server);
        }
    }

    @Test
    void passwordsAreMaskedInWhatAStoreCommandPrints() throws SQLException {
        String server = TestServers.postgres();
        io.checkpointkit.spi.StoreUri parsed = io.checkpointkit.spi.StoreUri.parse(server, java.util.Map.of());
        // With trust authentication (the local default) any password is accepted.
        String password = parsed.password().orElse("hunter2-visible");
        String withPassword = parsed.password().isPresent() ? server
                : server.replaceFirst("://([^@/]+)@", "://$1:" + password + "@");
        String to = withPassword + (withPassword.contains("?") ? "&" : "?") + "schema=" + token;
        String from = source();
        try {
            Cli.Result migrate = cli.run("migrate", "--from", from, "--to", to);
            Cli.Result stats = cli.run("stats", "--store", to);

            assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
            assertThat(migrate.out()).contains("to:   postgresql://" + parsed.user().orElseThrow() + ":****@");
            assertThat(stats.out()).contains("store: postgresql://" + parsed.user().orElseThrow() + ":****@")
                    .containsPattern("checkpoints\\s+" + MigrationFixture.TOTAL + "\n");
            assertThat(migrate.out() + migrate.err() + stats.out() + stats.err()).doesNotContain(password);
        } finally {
            dropSchema(server);
        }
    }

    private void dropSchema(String server) throws SQLException {
        io.checkpointkit.spi.StoreUri uri = io.checkpointkit.spi.StoreUri.parse(server, java.util.Map.of());
        String jdbc = "jdbc:postgresql://" + uri.hosts().get(0).host() + ":" + uri.hosts().get(0).portOr(5432) + uri.path();
        try (Connection c = DriverManager.getConnection(jdbc, uri.user().orElse("postgres"), uri.password().orElse(null));
             Statement s = c.createStatement()) {
            try (java.sql.ResultSet tables = s.executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + token + "'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("tables the migration made in the test's schema").isPositive();
            }
            s.execute("DROP SCHEMA IF EXISTS \"" + token + "\" CASCADE");
        }
    }

    private void deleteKeys(String server) {
        RedisClient client = RedisClient.create(server);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            long deleted = 0;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches("*" + token + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    deleted += redis.del(page.getKeys().toArray(new String[0]));
                }
                cursor = page;
            } while (!cursor.isFinished());
            assertThat(deleted).as("keys the migration wrote under the test's prefix").isPositive();
        } finally {
            client.shutdown();
        }
    }
}
