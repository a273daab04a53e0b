package io.checkpointkit.langgraph4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Finds the shared servers: an environment variable, else the default local port. When neither is
 * there the test fails with a message naming both; it is never skipped.
 */
final class TestServers {

    static final String POSTGRES_ENV = "CHECKPOINT_TEST_POSTGRES_URL";
    static final String REDIS_ENV = "CHECKPOINT_TEST_REDIS_URL";

    private TestServers() {
    }

    /** A PostgreSQL store URI without options, for example {@code postgresql://postgres@127.0.0.1:5432/test}. */
    static String postgres() {
        return find("PostgreSQL", POSTGRES_ENV, 5432, "postgresql://postgres@127.0.0.1:5432/test");
    }

    /** A standalone Redis store URI without options, for example {@code redis://127.0.0.1:6379}. */
    static String redis() {
        return find("Redis", REDIS_ENV, 6379, "redis://127.0.0.1:6379");
    }

    private static String find(String server, String env, int port, String local) {
        String fromEnv = System.getenv(env);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (listening(port)) {
            return local;
        }
        throw new AssertionError("no " + server + " server: set " + env + " to its URL, or run one on 127.0.0.1:" + port);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
