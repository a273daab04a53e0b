package io.checkpointkit.langgraph4j;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Redis Cluster of three masters on loopback, {@code redis-server --cluster-enabled yes} processes
 * joined by {@code redis-cli --cluster create}, started and stopped by the test that owns it. Enough to
 * spread threads over slots; the failover cases are {@code checkpoint-redis}'s own tests.
 */
final class LocalRedisCluster implements AutoCloseable {

    private final Path directory;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    private LocalRedisCluster(Path directory) {
        this.directory = directory;
    }

    static LocalRedisCluster start() throws IOException {
        LocalRedisCluster cluster = new LocalRedisCluster(Files.createTempDirectory("lg4j-redis-cluster"));
        try {
            for (int i = 0; i < 3; i++) {
                cluster.startNode(cluster.directory.resolve("node" + i));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            cluster.ports.forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            cluster.awaitClusterOk();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The store URI naming every node as a seed. */
    String uri() {
        StringJoiner hosts = new StringJoiner(",");
        ports.forEach(port -> hosts.add("127.0.0.1:" + port));
        return "redis-cluster://" + hosts;
    }

    private void startNode(Path nodeDirectory) throws IOException {
        int port = freeClusterPort();
        Files.createDirectories(nodeDirectory);
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", nodeDirectory.toString(), "--protected-mode", "no",
                "--cluster-enabled", "yes", "--cluster-config-file", nodeDirectory.resolve("nodes.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(nodeDirectory.resolve("redis.log").toFile())
                .start();
        processes.add(process);
        ports.add(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + "; see " + nodeDirectory);
            }
            Thread.onSpinWait();
        }
    }

    private void awaitClusterOk() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean ok = ports.stream().allMatch(port ->
                    run(List.of("redis-cli", "-p", Integer.toString(port), "cluster", "info")).contains("cluster_state:ok"));
            if (ok) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the local Redis Cluster did not reach cluster_state:ok");
            }
            try {
                Thread.sleep(100); // polling external processes; there is no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (is it on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A free port whose cluster bus port (port + 10000) is free and valid too. */
    private static int freeClusterPort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            if (port + 10000 <= 65535) {
                try (ServerSocket bus = new ServerSocket(port + 10000)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no free port p with p + 10000 free as well");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
