package io.checkpointkit.koog;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.testsupport.TestServers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The provider over PostgreSQL: every new store opens the same random table, dropped after the test. */
class PostgresCheckpointKitPersistenceProviderTest extends CheckpointKitPersistenceProviderTest {

    private final String table = "koog_" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected CheckpointStore openStore() {
        return CheckpointStores.open(TestServers.postgres() + "?table=" + table + "&poolSize=4");
    }

    /** Drops the test's table and the store's bookkeeping tables beside it (all named after it). */
    @Override
    protected void dropData() throws Exception {
        String url = TestServers.postgres();
        String jdbc = "jdbc:" + url.replaceFirst("://[^@/]*@", "://");
        String user = url.replaceFirst("^postgresql://([^:@/]*).*$", "$1");
        try (Connection c = DriverManager.getConnection(jdbc, user, null)) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement find = c.prepareStatement(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND starts_with(tablename, ?)")) {
                find.setString(1, table);
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            try (Statement drop = c.createStatement()) {
                for (String name : tables) {
                    drop.execute("DROP TABLE IF EXISTS public.\"" + name + "\" CASCADE");
                }
            }
        }
    }
}
