package io.checkpointkit.redis;

import io.checkpointkit.CheckpointException;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Lettuce connection (standalone or Cluster, which share the async command interface),
 * the per-operation timeout, script execution with the NOSCRIPT fallback, and the mapping of
 * driver failures to {@link CheckpointStoreUnavailableException}. Logs one warning when Redis
 * goes away and one note when it is back, not one per call.
 */
final class RedisConnector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);

    /** Error replies that mean "not now" rather than "never": the cluster or node is not ready. */
    private static final List<String> TRANSIENT_ERRORS = List.of("CLUSTERDOWN", "LOADING", "READONLY",
            "MASTERDOWN", "TRYAGAIN", "BUSY", "MOVED", "ASK", "NOREPLICAS", "OOM", "NOAUTH", "WRONGPASS");

    private final StatefulConnection<byte[], byte[]> connection;
    private final RedisClusterAsyncCommands<byte[], byte[]> commands;
    private final Duration timeout;
    private final String target;
    private final Runnable releaseOwned;
    private final AtomicBoolean down = new AtomicBoolean();

    RedisConnector(StatefulConnection<byte[], byte[]> connection,
                   RedisClusterAsyncCommands<byte[], byte[]> commands,
                   Duration timeout, String target, Runnable releaseOwned) {
        this.connection = connection;
        this.commands = commands;
        this.timeout = timeout;
        this.target = target;
        this.releaseOwned = releaseOwned;
        connection.setTimeout(timeout);
    }

    RedisClusterAsyncCommands<byte[], byte[]> commands() {
        return commands;
    }

    /** The per-operation timeout. */
    Duration timeout() {
        return timeout;
    }

    String target() {
        return target;
    }

    /**
     * The id of the Cluster node serving a key's slot in the client's current view of the
     * topology, or "" when unknown or not on Cluster. Only groups work per node; the node
     * still checks that it serves each key.
     */
    String nodeOf(byte[] key) {
        if (connection instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster) {
            var node = cluster.getPartitions().getPartitionBySlot(SlotHash.getSlot(key));
            return node == null || node.getNodeId() == null ? "" : node.getNodeId();
        }
        return "";
    }

    /** Runs a script and waits for its reply. */
    <T> T run(LuaScript script, byte[][] keys, byte[]... args) {
        return await(runAsync(script, keys, args));
    }

    /** Sends a script without waiting (commands on one connection are pipelined). */
    <T> CompletableFuture<T> runAsync(LuaScript script, byte[][] keys, byte[]... args) {
        RedisFuture<T> sent = commands.evalsha(script.sha(), script.outputType(), keys, args);
        return sent.toCompletableFuture().exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (isNoScript(cause)) {
                RedisFuture<T> loaded = commands.eval(script.source(), script.outputType(), keys, args);
                return loaded.toCompletableFuture();
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /** Waits for a reply within the timeout; maps every failure to a {@link CheckpointException}. */
    <T> T await(CompletableFuture<T> future) {
        try {
            T value = future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            if (down.compareAndSet(true, false)) {
                LOG.info("Redis at {} is reachable again", target);
            }
            return value;
        } catch (ExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw unavailable("no reply within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The caller was interrupted (a pool shutting down, say); that says nothing about
            // Redis, so no "unavailable" warning and no "reachable again" after it.
            throw new CheckpointStoreUnavailableException("interrupted while waiting for a reply from Redis at "
                    + target, e);
        }
    }

    <T> T await(RedisFuture<T> future) {
        return await(future.toCompletableFuture());
    }

    /** Waits for all, then throws the first failure, if any. */
    void awaitAll(List<? extends CompletableFuture<?>> futures) {
        CheckpointException first = null;
        for (CompletableFuture<?> f : futures) {
            try {
                await(f);
            } catch (CheckpointException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private CheckpointException translate(Throwable thrown) {
        Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof CheckpointException) {
            return (CheckpointException) cause;
        }
        if (cause instanceof RedisCommandExecutionException) {
            String message = String.valueOf(cause.getMessage());
            String code = message.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            if (!TRANSIENT_ERRORS.contains(code)) {
                return new CheckpointException("Redis at " + target + " rejected a command: " + message, cause);
            }
        }
        if (cause instanceof RedisException || cause instanceof java.io.IOException
                || cause instanceof TimeoutException || cause instanceof java.util.concurrent.CancellationException) {
            return unavailable(String.valueOf(cause.getMessage()), cause);
        }
        return new CheckpointException("unexpected failure talking to Redis at " + target + ": " + cause, cause);
    }

    private CheckpointStoreUnavailableException unavailable(String why, Throwable cause) {
        if (down.compareAndSet(false, true)) {
            LOG.warn("Redis at {} is unavailable: {}", target, why);
        }
        return new CheckpointStoreUnavailableException("Redis at " + target + " is unavailable: " + why, cause);
    }

    private static boolean isNoScript(Throwable e) {
        return e instanceof RedisNoScriptException
                || (e instanceof RedisCommandExecutionException && String.valueOf(e.getMessage()).startsWith("NOSCRIPT"));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            releaseOwned.run();
        }
    }
}
