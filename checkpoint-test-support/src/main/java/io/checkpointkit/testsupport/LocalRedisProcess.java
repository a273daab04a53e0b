package io.checkpointkit.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code redis-server} process on a loopback port, started and stopped by a test: no
 * persistence, its files in a temporary directory. Never the shared server on 6379.
 */
public final class LocalRedisProcess implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private Process process;

    private LocalRedisProcess(int port, Path dir, List<String> extraArgs) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = extraArgs;
    }

    /**
     * Starts {@code redis-server} on a free loopback port (one with a free cluster bus port
     * too when {@code extraArgs} has {@code --cluster-enabled}) and waits until it listens.
     *
     * @param dir the directory for its files
     * @param extraArgs more {@code redis-server} arguments
     * @throws IllegalStateException if it cannot be started (no {@code redis-server} on the PATH)
     */
    public static LocalRedisProcess start(Path dir, String... extraArgs) {
        boolean cluster = List.of(extraArgs).contains("--cluster-enabled");
        LocalRedisProcess p = new LocalRedisProcess(cluster ? freeClusterPort() : freePort(), dir, List.of(extraArgs));
        p.start();
        return p;
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    /** Starts (again) on the same port. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--daemonize", "no", "--protected-mode", "no"));
        command.addAll(extraArgs);
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (is it on the PATH?): " + e.getMessage(), e);
        }
        awaitListening(Duration.ofSeconds(20));
    }

    /** Kills the process (SIGKILL: a crash, nothing flushed) and waits for it to end. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private void awaitListening(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited; see " + dir);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not listen within " + max);
    }

    /**
     * A free port whose cluster bus port (the port plus 10000, fixed by Redis) is free too and
     * not above 65535: ephemeral ports above 55535 would make a cluster node refuse to start.
     */
    public static int freeClusterPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = freePort();
            if (port + 10000 <= 65535 && canBind(port + 10000)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port p with p + 10000 free as well");
    }

    private static boolean canBind(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A loopback port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
