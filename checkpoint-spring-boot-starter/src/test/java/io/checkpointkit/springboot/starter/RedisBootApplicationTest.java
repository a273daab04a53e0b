package io.checkpointkit.springboot.starter;

import io.checkpointkit.testsupport.TestData;
import io.checkpointkit.testsupport.TestServers;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/** Redis, added by the user next to the starter: a random key prefix, its keys deleted after. */
class RedisBootApplicationTest extends BootApplicationTest {

    private static final String PREFIX = "boot-" + UUID.randomUUID();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("checkpointkit.store.uri", RedisBootApplicationTest::uri);
    }

    @Override
    String storeUri() {
        return uri();
    }

    private static String uri() {
        return TestServers.redis() + "?prefix=" + PREFIX;
    }

    @BeforeAll
    static void deleteTheKeysAfterShutdown() {
        deleteAfterShutdown(() -> TestData.deleteRedisKeys(PREFIX));
    }
}
