package io.checkpointkit.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers fallback of {@link TestServers}, in a class of its own so that nothing of
 * Testcontainers (an optional dependency) is loaded before Docker is asked for. Each container
 * is started once per test JVM and stopped when the JVM exits.
 */
final class Containers {

    private static final int POSTGRES_PORT = 5432;
    private static final int REDIS_PORT = 6379;

    private Containers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** PostgreSQL 16 with user, password and database {@code test}, as Testcontainers' PostgreSQL module sets it up. */
    static String postgres() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("postgres:16-alpine"))
                .withEnv("POSTGRES_USER", "test")
                .withEnv("POSTGRES_PASSWORD", "test")
                .withEnv("POSTGRES_DB", "test")
                .withCommand("postgres", "-c", "fsync=off")
                .withExposedPorts(POSTGRES_PORT)
                // The server logs this twice: once for the init run, once when it really listens.
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2));
        start(container);
        return "postgresql://test:test@" + container.getHost() + ":" + container.getMappedPort(POSTGRES_PORT) + "/test";
    }

    static String redis() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7-alpine"))
                .withExposedPorts(REDIS_PORT);
        start(container);
        return "redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
    }

    private static void start(GenericContainer<?> container) {
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-test-container"));
    }
}
