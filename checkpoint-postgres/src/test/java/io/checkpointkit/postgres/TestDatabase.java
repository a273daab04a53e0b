package io.checkpointkit.postgres;

import io.checkpointkit.spi.StoreUri;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Finds the PostgreSQL the tests run against, in the order DESIGN.md gives: the environment
 * variable {@value #ENV}, then the local default (127.0.0.1:5432, user postgres, database
 * test), then Testcontainers when Docker is there. When none is found the tests fail with a
 * message naming the three ways; they are never skipped.
 */
final class TestDatabase {

    static final String ENV = "CHECKPOINT_TEST_POSTGRES_URL";
    static final String LOCAL = "postgresql://postgres@127.0.0.1:5432/test";

    private static String uri;

    private TestDatabase() {
    }

    /** A {@code postgresql://} URI of the test database, without options. */
    static synchronized String uri() {
        if (uri == null) {
            uri = find();
        }
        return uri;
    }

    /** A URI of the test database with the given schema and table. */
    static String uri(String schema, String table) {
        return withOptions("schema=" + schema + "&table=" + table);
    }

    /** The URI of the test database with more options ({@code a=1&b=2}). */
    static String withOptions(String options) {
        String base = uri();
        return base + (base.contains("?") ? "&" : "?") + options;
    }

    /** A plain driver data source (no pool) for setting up and inspecting. */
    static PGSimpleDataSource dataSource() {
        StoreUri u = StoreUri.parse(uri(), Map.of());
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {u.hosts().get(0).host()});
        ds.setPortNumbers(new int[] {u.hosts().get(0).portOr(5432)});
        ds.setDatabaseName(u.path().substring(1));
        u.user().ifPresent(ds::setUser);
        u.password().ifPresent(ds::setPassword);
        ds.setConnectTimeout(5);
        return ds;
    }

    /** A schema name no other test uses. */
    static String freshSchema(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static void execute(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }

    private static String find() {
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        String local = LOCAL;
        uri = local;
        try (Connection ignored = dataSource().getConnection()) {
            return local;
        } catch (SQLException localFailure) {
            uri = null;
            if (dockerAvailable()) {
                PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
                container.start();
                Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
                return "postgresql://" + container.getUsername() + ":" + container.getPassword() + "@"
                        + container.getHost() + ":" + container.getMappedPort(5432) + "/" + container.getDatabaseName();
            }
            throw new AssertionError("No PostgreSQL for the tests. Provide one in one of three ways: set " + ENV
                    + " (for example postgresql://user:pass@host:5432/db), run PostgreSQL on 127.0.0.1:5432 with"
                    + " user postgres and database test, or make Docker available for Testcontainers."
                    + " Local attempt failed: " + localFailure.getMessage());
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
