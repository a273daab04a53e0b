package io.checkpointkit.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis Cluster on loopback for tests: 3 masters and 3 replicas, {@code redis-server
 * --cluster-enabled yes} processes joined by {@code redis-cli --cluster create}. Started once per
 * test JVM ({@link #shared()}, stopped at JVM exit) or per test ({@link #start()}, closed by it).
 */
public final class LocalRedisCluster implements AutoCloseable {

    private static LocalRedisCluster shared;

    private final Path dir;
    private final List<LocalRedisProcess> nodes = new ArrayList<>();

    private LocalRedisCluster(Path dir) {
        this.dir = dir;
    }

    /** One cluster for the whole test JVM, started on first use and stopped at JVM exit. */
    public static synchronized LocalRedisCluster shared() {
        if (shared == null) {
            LocalRedisCluster c = start();
            Runtime.getRuntime().addShutdownHook(new Thread(c::close, "stop-local-redis-cluster"));
            shared = c;
        }
        return shared;
    }

    /**
     * Starts a cluster of its own (3 masters, 3 replicas) that the caller closes.
     *
     * @throws IllegalStateException if it cannot be started ({@code redis-server} and
     *     {@code redis-cli} must be on the PATH)
     */
    public static LocalRedisCluster start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("ckpt-redis-cluster");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        LocalRedisCluster c = new LocalRedisCluster(dir);
        try {
            for (int i = 0; i < 6; i++) {
                Path nodeDir = dir.resolve("node" + i);
                c.nodes.add(LocalRedisProcess.start(nodeDir, "--cluster-enabled", "yes",
                        "--cluster-config-file", nodeDir.resolve("nodes.conf").toString(),
                        "--cluster-node-timeout", "2000"));
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            for (LocalRedisProcess n : c.nodes) {
                create.add("127.0.0.1:" + n.port());
            }
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            run(create, Duration.ofSeconds(60));
            c.awaitState(Duration.ofSeconds(60));
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The store URI naming the masters' and replicas' ports as seeds. */
    public String uri() {
        StringJoiner hosts = new StringJoiner(",");
        for (LocalRedisProcess n : nodes) {
            hosts.add("127.0.0.1:" + n.port());
        }
        return "redis-cluster://" + hosts;
    }

    /** Kills the node on a port (SIGKILL), as a crashed master. */
    public void kill(int port) {
        for (LocalRedisProcess n : nodes) {
            if (n.port() == port) {
                n.kill();
                return;
            }
        }
        throw new IllegalArgumentException("no node on port " + port);
    }

    /**
     * A manual failover of the master on {@code masterPort}: {@code CLUSTER FAILOVER} on its
     * replica, which waits until it has caught up with the master, then takes its slots over.
     * Returns when the whole cluster agrees again and the new replica's link is up.
     *
     * @return the port of the new master
     */
    public int failover(int masterPort) {
        String nodes = run(List.of("redis-cli", "-p", Integer.toString(masterPort), "cluster", "nodes"), Duration.ofSeconds(5));
        String masterId = null;
        for (String line : nodes.split("\n")) {
            if (line.contains("myself")) {
                masterId = line.split(" ")[0];
            }
        }
        for (String line : nodes.split("\n")) {
            String[] f = line.split(" ");
            if (f.length > 3 && f[3].equals(masterId) && f[2].contains("slave")) {
                int replicaPort = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1).split("@")[0]);
                run(List.of("redis-cli", "-p", Integer.toString(replicaPort), "cluster", "failover"), Duration.ofSeconds(5));
                awaitMaster(replicaPort, Duration.ofSeconds(30));
                awaitState(Duration.ofSeconds(60));
                return replicaPort;
            }
        }
        throw new IllegalStateException("no replica of the master on port " + masterPort + " in:\n" + nodes);
    }

    /** The ports of the current masters. */
    public List<Integer> masterPorts() {
        List<Integer> masters = new ArrayList<>();
        for (int port : ports()) {
            String role = run(List.of("redis-cli", "-p", Integer.toString(port), "role"), Duration.ofSeconds(5));
            if (role.startsWith("master")) {
                masters.add(port);
            }
        }
        return masters;
    }

    private void awaitMaster(int port, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!run(List.of("redis-cli", "-p", Integer.toString(port), "role"), Duration.ofSeconds(5)).startsWith("master")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replica on port " + port + " did not become master within " + max);
            }
            try {
                Thread.sleep(50); // polling an external process; there is no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The ports of every node, masters and replicas. */
    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        nodes.forEach(n -> ports.add(n.port()));
        return ports;
    }

    private void awaitState(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean allOk = true;
            for (LocalRedisProcess n : nodes) {
                last = run(List.of("redis-cli", "-p", Integer.toString(n.port()), "cluster", "info"), Duration.ofSeconds(5));
                allOk &= last.contains("cluster_state:ok") && last.contains("cluster_known_nodes:6");
                // A replica that never synced is not eligible for failover: wait for the link.
                String replication = run(List.of("redis-cli", "-p", Integer.toString(n.port()), "info", "replication"),
                        Duration.ofSeconds(5));
                allOk &= !replication.contains("role:slave") || replication.contains("master_link_status:up");
            }
            if (allOk) {
                return;
            }
            try {
                Thread.sleep(200); // polling an external process; there is no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the local Redis Cluster did not reach cluster_state:ok: " + last);
    }

    private static String run(List<String> command, Duration max) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(max.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
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

    @Override
    public synchronized void close() {
        for (LocalRedisProcess n : nodes) {
            n.close();
        }
        nodes.clear();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
