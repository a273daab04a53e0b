package io.checkpointkit.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Supplier;

/**
 * Finds the servers that tests run against, the same way in every module. For PostgreSQL and a
 * standalone Redis, in this order: the environment variable ({@value #POSTGRES_ENV},
 * {@value #REDIS_ENV}), the default local port (a server listening there is used as
 * {@value #LOCAL_POSTGRES} or {@value #LOCAL_REDIS}), then a container started by
 * Testcontainers when Docker is available. For a Redis Cluster: {@value #REDIS_CLUSTER_ENV}, else
 * {@link LocalRedisCluster#shared()} (needs {@code redis-server} and {@code redis-cli}).
 *
 * <p>When none of the ways gives a server the call throws an {@link AssertionError} whose message
 * names them, so the test fails; it is never skipped. The answer is kept for the rest of the
 * test JVM (a container or a cluster started here is stopped when the JVM exits).
 *
 * <p>Testcontainers is an optional dependency of this module: a module that wants the Docker
 * fallback adds {@code org.testcontainers:testcontainers} to its test dependencies. Without it,
 * Docker is not tried, and the failure message says what to add.
 */
public final class TestServers {

    /** The environment variable naming a PostgreSQL store URI, for example {@code postgresql://user:pass@host:5432/db}. */
    public static final String POSTGRES_ENV = "CHECKPOINT_TEST_POSTGRES_URL";
    /** The environment variable naming a standalone Redis store URI, for example {@code redis://127.0.0.1:6379}. */
    public static final String REDIS_ENV = "CHECKPOINT_TEST_REDIS_URL";
    /** The environment variable naming a Redis Cluster store URI, for example {@code redis-cluster://127.0.0.1:7000,127.0.0.1:7001}. */
    public static final String REDIS_CLUSTER_ENV = "CHECKPOINT_TEST_REDIS_CLUSTER_URL";
    /** The PostgreSQL used when something listens on 127.0.0.1:5432: user postgres, database test. */
    public static final String LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test";
    /** The Redis used when something listens on 127.0.0.1:6379. */
    public static final String LOCAL_REDIS = "redis://127.0.0.1:6379";

    private static final String LOOPBACK = "127.0.0.1";
    private static final int POSTGRES_PORT = 5432;
    private static final int REDIS_PORT = 6379;

    private static String postgres;
    private static String redis;
    private static String redisCluster;

    private TestServers() {
    }

    /**
     * A {@code postgresql://} store URI of the test database, without options.
     *
     * @throws AssertionError if no PostgreSQL is found; the message names the three ways to give one
     */
    public static synchronized String postgres() {
        if (postgres == null) {
            postgres = find("PostgreSQL", POSTGRES_ENV, "postgresql://user:pass@host:5432/db", POSTGRES_PORT,
                    LOCAL_POSTGRES, "run PostgreSQL on 127.0.0.1:5432 with user postgres and database test",
                    () -> Containers.postgres()); // not Containers::postgres: that would load Testcontainers now
        }
        return postgres;
    }

    /**
     * A {@code redis://} store URI of a standalone Redis server, without options.
     *
     * @throws AssertionError if no Redis is found; the message names the three ways to give one
     */
    public static synchronized String redis() {
        if (redis == null) {
            redis = find("Redis", REDIS_ENV, LOCAL_REDIS, REDIS_PORT, LOCAL_REDIS, "run Redis on 127.0.0.1:6379",
                    () -> Containers.redis());
        }
        return redis;
    }

    /**
     * A {@code redis-cluster://} store URI of a Redis Cluster, without options: the one
     * {@value #REDIS_CLUSTER_ENV} names, else a local one started once for the test JVM.
     *
     * @throws AssertionError if neither is there; the message names both ways and the cause
     */
    public static synchronized String redisCluster() {
        if (redisCluster == null) {
            String fromEnv = fromEnvironment(REDIS_CLUSTER_ENV);
            if (fromEnv != null) {
                redisCluster = fromEnv;
            } else {
                try {
                    redisCluster = LocalRedisCluster.shared().uri();
                } catch (IllegalStateException e) {
                    throw new AssertionError("No Redis Cluster for the tests. Provide one in one of two ways: set "
                            + REDIS_CLUSTER_ENV + " (for example redis-cluster://127.0.0.1:7000,127.0.0.1:7001),"
                            + " or put redis-server and redis-cli on the PATH so the tests start one on loopback."
                            + " Local attempt failed: " + e.getMessage(), e);
                }
            }
        }
        return redisCluster;
    }

    /**
     * The store URI of {@link #redisCluster()} with the store option {@code prefix=keyPrefix}, so that a
     * test's stores keep their keys apart from other tests' on the cluster the test JVM shares.
     *
     * @param keyPrefix the test's (random) key prefix
     * @throws AssertionError if no Redis Cluster is found, as {@link #redisCluster()}
     */
    public static String redisCluster(String keyPrefix) {
        String cluster = redisCluster();
        return cluster + (cluster.contains("?") ? "&" : "?") + "prefix=" + keyPrefix;
    }

    private static String find(String server, String env, String example, int port, String local, String runLocally,
            Supplier<String> container) {
        String fromEnv = fromEnvironment(env);
        if (fromEnv != null) {
            return fromEnv;
        }
        IOException localFailure;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
            return local;
        } catch (IOException e) {
            localFailure = e;
        }
        boolean testcontainers = testcontainersPresent();
        if (testcontainers && Containers.dockerAvailable()) {
            return container.get();
        }
        throw new AssertionError("No " + server + " for the tests. Provide one in one of three ways: set " + env
                + " (for example " + example + "), " + runLocally + ", or make Docker available for Testcontainers"
                + (testcontainers ? "." : " (add org.testcontainers:testcontainers to this module's test dependencies).")
                + " Local attempt (" + LOOPBACK + ":" + port + ") failed: " + localFailure.getMessage());
    }

    /** Testcontainers is an optional dependency: a module's tests may not have it. */
    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, TestServers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String fromEnvironment(String env) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
