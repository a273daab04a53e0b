package io.checkpointkit.postgres;

import io.checkpointkit.spi.StoreUri;
import io.checkpointkit.testsupport.TestServers;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The PostgreSQL the tests run against, found by {@link TestServers#postgres()} (the environment
 * variable, the local default, Testcontainers; otherwise the tests fail naming the three ways),
 * and what the tests do with it beside a store: schemas, plain connections.
 */
final class TestDatabase {

    private TestDatabase() {
    }

    /** A {@code postgresql://} URI of the test database, without options. */
    static String uri() {
        return TestServers.postgres();
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
}
