package io.checkpointkit.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs where the shared servers are (an environment variable, the local ports or Docker), as every module's tests do. */
class TestServersTest {

    @Test
    void findsEachServerOnceForTheWholeJvm() {
        assertThat(TestServers.postgres()).startsWith("postgresql://").isSameAs(TestServers.postgres());
        assertThat(TestServers.redis()).startsWith("redis").isSameAs(TestServers.redis());
    }
}
