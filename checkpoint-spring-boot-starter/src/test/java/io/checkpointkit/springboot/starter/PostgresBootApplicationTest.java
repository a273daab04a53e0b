package io.checkpointkit.springboot.starter;

import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/** PostgreSQL, added by the user next to the starter: a random table of the test database, dropped after. */
class PostgresBootApplicationTest extends BootApplicationTest {

    private static final String TABLE = "boot_" + UUID.randomUUID().toString().replace("-", "");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("checkpointkit.store.uri", PostgresBootApplicationTest::uri);
    }

    @Override
    String storeUri() {
        return uri();
    }

    private static String uri() {
        return TestServers.postgres() + "?table=" + TABLE;
    }

    @BeforeAll
    static void dropTheTablesAfterShutdown() {
        deleteAfterShutdown(() -> TestData.dropPostgresTables(TABLE));
    }
}
