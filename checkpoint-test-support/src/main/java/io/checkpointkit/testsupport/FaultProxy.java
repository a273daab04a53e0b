package io.checkpointkit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a server (PostgreSQL, Redis), so a test can break the network
 * between a store and its server without touching the server, which other tests share.
 *
 * <p>Point the store at {@code 127.0.0.1:}{@link #port()}; then:
 * <ul>
 *   <li>{@link #cut()} closes every open connection in an orderly way (FIN), as a server that
 *       restarts does; new connections are accepted;</li>
 *   <li>{@link #reset()} aborts every open connection (RST), as a middlebox that drops state does;</li>
 *   <li>{@link #stall()} keeps the connections open but forwards no byte until {@link #resume()},
 *       as a server that hangs or a network that blackholes does; new connections are accepted
 *       and stalled too;</li>
 *   <li>{@link #refuse()} cuts every connection and refuses new ones until {@link #accept()},
 *       as a server that is down does.</li>
 * </ul>
 * Each connection costs two daemon threads. {@link #close()} cuts everything and stops listening.
 */
public final class FaultProxy implements AutoCloseable {

    private static final AtomicInteger PROXY_NUMBER = new AtomicInteger();

    private final String targetHost;
    private final int targetPort;
    private final int number = PROXY_NUMBER.incrementAndGet();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object stallLock = new Object();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean stalled;
    private volatile boolean closed;
    private ServerSocket server;
    private int port;

    private FaultProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /**
     * Starts a proxy on a free loopback port that forwards to {@code targetHost:targetPort}.
     *
     * @param targetHost the server's host
     * @param targetPort the server's port
     * @return the running proxy
     * @throws UncheckedIOException if no port can be bound
     */
    public static FaultProxy start(String targetHost, int targetPort) {
        Objects.requireNonNull(targetHost, "targetHost must not be null");
        FaultProxy proxy = new FaultProxy(targetHost, targetPort);
        proxy.accept();
        return proxy;
    }

    /** The loopback port the proxy listens on; the same for the proxy's whole life. */
    public synchronized int port() {
        return port;
    }

    /** How many connections the proxy has accepted since it started. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** How many connections are open now. */
    public int openConnections() {
        return sockets.size() / 2;
    }

    /** Closes every open connection (FIN on both sides); new connections are accepted. */
    public void cut() {
        closeAll(false);
    }

    /** Aborts every open connection (RST on both sides); new connections are accepted. */
    public void reset() {
        closeAll(true);
    }

    /** Stops forwarding bytes on every connection, open or new, until {@link #resume()}. */
    public void stall() {
        stalled = true;
    }

    /** Forwards bytes again after {@link #stall()}. */
    public void resume() {
        synchronized (stallLock) {
            stalled = false;
            stallLock.notifyAll();
        }
    }

    /**
     * {@link #stall()}, then {@link #resume()} after {@code length} (also when interrupted).
     *
     * @throws InterruptedException if interrupted while stalled
     */
    public void stallFor(Duration length) throws InterruptedException {
        during(length, this::stall, this::resume);
    }

    /**
     * {@link #refuse()}, then {@link #accept()} after {@code length} (also when interrupted).
     *
     * @throws InterruptedException if interrupted while refusing
     */
    public void refuseFor(Duration length) throws InterruptedException {
        during(length, this::refuse, this::accept);
    }

    /** Starts a fault, and ends it after {@code length}, also when interrupted. */
    private static void during(Duration length, Runnable start, Runnable end) throws InterruptedException {
        start.run();
        try {
            Thread.sleep(length.toMillis());
        } finally {
            end.run();
        }
    }

    /**
     * Cuts every connection and stops listening: connecting fails with "connection refused"
     * until {@link #accept()}.
     */
    public synchronized void refuse() {
        closeQuietly(server);
        server = null;
        closeAll(false);
    }

    /**
     * Listens again (on the same port) after {@link #refuse()}; does nothing if listening.
     *
     * @throws UncheckedIOException if the port cannot be bound again
     * @throws IllegalStateException if the proxy is closed
     */
    public synchronized void accept() {
        if (closed) {
            throw new IllegalStateException("FaultProxy is closed");
        }
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = s.getLocalPort();
            server = s;
            daemon("fault-proxy-" + number + "-accept", () -> acceptLoop(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Cuts every connection and stops listening for good. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            closeQuietly(server);
            server = null;
        }
        resume();
        closeAll(false);
    }

    @Override
    public String toString() {
        return "FaultProxy{127.0.0.1:" + port + " -> " + targetHost + ':' + targetPort + '}';
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                accepted.incrementAndGet();
                daemon("fault-proxy-" + number + "-up", () -> pump(client, upstream));
                daemon("fault-proxy-" + number + "-down", () -> pump(upstream, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitNotStalled();
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // One side went away or the proxy cut it: the other side goes too.
        } finally {
            sockets.remove(from);
            sockets.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitNotStalled() throws InterruptedException {
        synchronized (stallLock) {
            while (stalled) {
                stallLock.wait();
            }
        }
    }

    private void closeAll(boolean abort) {
        if (abort) {
            // Linger 0 on every socket before the first close: closing one side ends its pump
            // thread, which closes the other side at once, and that close must send RST too.
            for (Socket socket : sockets) {
                try {
                    socket.setSoLinger(true, 0);
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
