package io.checkpointkit.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Finds the servers the migration tests write to, in this order: an environment variable, the
 * default local port, Testcontainers when Docker works. When none is there the test fails with a
 * message naming the three ways; it is never skipped.
 */
final class TestServers {

    static final String POSTGRES_ENV = "CHECKPOINT_TEST_POSTGRES_URL";
    static final String REDIS_ENV = "CHECKPOINT_TEST_REDIS_URL";

    private static GenericContainer<?> postgresContainer;
    private static GenericContainer<?> redisContainer;

    private TestServers() {
    }

    /** A store URI of a PostgreSQL server, without options, for example {@code postgresql://postgres@127.0.0.1:5432/test}. */
    static synchronized String postgres() {
        String fromEnv = System.getenv(POSTGRES_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (listening("127.0.0.1", 5432)) {
            return "postgresql://postgres@127.0.0.1:5432/test";
        }
        if (dockerWorks()) {
            if (postgresContainer == null) {
                PostgreSQLContainer<?> c = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16-alpine"));
                c.start();
                postgresContainer = c;
            }
            PostgreSQLContainer<?> c = (PostgreSQLContainer<?>) postgresContainer;
            return "postgresql://" + c.getUsername() + ":" + c.getPassword() + "@" + c.getHost() + ":"
                    + c.getMappedPort(5432) + "/" + c.getDatabaseName();
        }
        throw new AssertionError(missing("PostgreSQL", POSTGRES_ENV, 5432));
    }

    /** A store URI of a standalone Redis server, without options, for example {@code redis://127.0.0.1:6379}. */
    static synchronized String redis() {
        String fromEnv = System.getenv(REDIS_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (listening("127.0.0.1", 6379)) {
            return "redis://127.0.0.1:6379";
        }
        if (dockerWorks()) {
            if (redisContainer == null) {
                GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
                c.start();
                redisContainer = c;
            }
            return "redis://" + redisContainer.getHost() + ":" + redisContainer.getMappedPort(6379);
        }
        throw new AssertionError(missing("Redis", REDIS_ENV, 6379));
    }

    private static String missing(String server, String env, int port) {
        return "no " + server + " server for the migration test: set " + env + " to its URL, or run one on 127.0.0.1:"
                + port + ", or make Docker available for Testcontainers";
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean dockerWorks() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
