package io.checkpointkit.benchmarks;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.redis.RedisCheckpointStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link RedisCheckpointStore} beside raw Lettuce doing the same I/O, on standalone Redis and on
 * Redis Cluster, in one JMH run. Each {@code rawX} is the baseline of {@code x}:
 * <ul>
 *   <li>{@code save} (1 KiB state, two metadata entries; one of 1000 ids, so a steady state of
 *       updates) vs {@code SET} of the same bytes plus {@code ZADD} to an index in one
 *       {@code MULTI}/{@code EXEC} on the node that owns the keys, pipelined (async API, all four
 *       commands in one flush, then one wait for EXEC): one round trip, as the store's one
 *       script. (Lettuce's sync API would wait for MULTI and for each QUEUED reply, which made
 *       the baseline several round trips and flattered the store.)
 *   <li>{@code saveNewId}: the same with a new id each time (on Cluster the pointer claim is then
 *       a round trip of its own) vs the same MULTI/EXEC on new keys;
 *   <li>{@code latest} of an execution of 50 vs {@code ZRANGE index -1 -1} then {@code GET};
 *   <li>{@code trim} keeping 10 of 50 vs {@code rawTrim}, the list-then-delete loop (the SPI's
 *       default {@code trim}: one {@code list}, one {@code delete} per checkpoint dropped) on the
 *       same store.
 * </ul>
 * Servers are found as the tests find them: {@code CHECKPOINT_TEST_REDIS_URL}, else
 * {@code redis://127.0.0.1:6379}; {@code CHECKPOINT_TEST_REDIS_CLUSTER_URL}, else
 * {@code redis-cluster://127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002}. Keys live under a
 * random prefix and are deleted at the end.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisBenchmark {

    static final int IDS = 1000;
    static final int LISTED = 50;
    static final int KEPT = 10;

    @Param({"standalone", "cluster"})
    public String target;

    private RedisCheckpointStore store;
    private RedisClient rawClient;
    private RedisClusterClient rawClusterClient;
    private StatefulRedisConnection<byte[], byte[]> rawConnection;
    private StatefulRedisClusterConnection<byte[], byte[]> rawClusterConnection;
    private RedisCommands<byte[], byte[]> raw;
    private RedisClient rawPipelineClient;
    private StatefulRedisConnection<byte[], byte[]> rawPipelineConnection;
    private RedisAsyncCommands<byte[], byte[]> rawPipeline;
    private final String prefix = "ckpt-bench-" + UUID.randomUUID();
    private final String executionId = "bench-" + UUID.randomUUID();
    private final String listedExecution = "bench-listed-" + UUID.randomUUID();
    private final String trimmedExecution = "bench-trimmed-" + UUID.randomUUID();
    private final String newIdsExecution = "bench-new-" + UUID.randomUUID();
    private final byte[] state = new byte[1024];
    private int newIds;
    private int rawNewIds;
    private final List<Checkpoint> toSave = new ArrayList<>();
    private final List<byte[]> rawBodies = new ArrayList<>();
    private byte[] rawIndex;
    private byte[] rawListedIndex;
    private int sequence;

    /** Opens the store and a raw connection to the node holding the raw keys, and fills the listed execution. */
    @Setup(Level.Trial)
    public void open() {
        String rawTag = "{raw-" + UUID.randomUUID() + "}";
        rawIndex = utf8(prefix + ":" + rawTag + ":index");
        rawListedIndex = utf8(prefix + ":" + rawTag + ":listed");
        if (target.equals("standalone")) {
            String uri = System.getenv().getOrDefault("CHECKPOINT_TEST_REDIS_URL", "redis://127.0.0.1:6379");
            store = RedisCheckpointStore.builder(uri).prefix(prefix).build();
            rawClient = RedisClient.create(uri);
            rawConnection = rawClient.connect(ByteArrayCodec.INSTANCE);
            raw = rawConnection.sync();
            rawPipelineClient = RedisClient.create(uri);
        } else {
            String uri = System.getenv().getOrDefault("CHECKPOINT_TEST_REDIS_CLUSTER_URL",
                    "redis-cluster://127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002");
            store = RedisCheckpointStore.builder(uri).prefix(prefix).build();
            List<RedisURI> seeds = new ArrayList<>();
            for (String hostPort : uri.substring("redis-cluster://".length()).split("[?]")[0].split(",")) {
                int colon = hostPort.lastIndexOf(':');
                seeds.add(RedisURI.create(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
            }
            rawClusterClient = RedisClusterClient.create(seeds);
            rawClusterConnection = rawClusterClient.connect(ByteArrayCodec.INSTANCE);
            // MULTI needs one node: the master that owns the raw keys' slot.
            RedisClusterNode owner = rawClusterConnection.getPartitions().getPartitionBySlot(SlotHash.getSlot(rawIndex));
            raw = rawClusterConnection.getConnection(owner.getNodeId()).sync();
            rawPipelineClient = RedisClient.create(RedisURI.create(owner.getUri().getHost(), owner.getUri().getPort()));
        }
        // A connection of its own, manually flushed, for the pipelined MULTI/EXEC baselines.
        rawPipelineConnection = rawPipelineClient.connect(ByteArrayCodec.INSTANCE);
        rawPipelineConnection.setAutoFlushCommands(false);
        rawPipeline = rawPipelineConnection.async();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < IDS; i++) {
            Checkpoint c = Checkpoint.builder(executionId).id("cp-" + i).nodeName("plan").state(state)
                    .metadata(Map.of("node", "plan", "step", Integer.toString(i))).timestamp(t0.plusMillis(i)).build();
            toSave.add(c);
            rawBodies.add(state);

        }
        for (int i = 0; i < LISTED; i++) {
            store.save(Checkpoint.builder(listedExecution).id(listedExecution + "-" + i).state(state)
                    .timestamp(t0.plusMillis(i)).build());
            byte[] member = utf8(String.format("%020d", i) + "cp-" + i);
            raw.set(rawDataKey(member), state);
            raw.zadd(rawListedIndex, 0, member);
        }
    }

    /** The execution {@code trim} and {@code rawTrim} cut: 50 checkpoints put back before each call. */
    @State(Scope.Thread)
    public static class Trimmed {
        /** Refills the trimmed execution (not measured). */
        @Setup(Level.Invocation)
        public void refill(RedisBenchmark bench) {
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < LISTED; i++) {
                bench.store.save(Checkpoint.builder(bench.trimmedExecution).id(bench.trimmedExecution + "-" + i)
                        .timestamp(t0.plusMillis(i)).build());
            }
        }
    }

    /** Deletes every key this run wrote and closes both clients. */
    @TearDown(Level.Trial)
    public void close() {
        store.clear(executionId);
        store.clear(listedExecution);
        store.clear(trimmedExecution);
        store.clear(newIdsExecution);
        store.close();
        raw.unlink(rawIndex, rawListedIndex, rawNewIndex());
        for (int i = 0; i < rawNewIds; i++) {
            raw.unlink(rawDataKey(utf8("new-" + i)));
        }
        for (int i = 0; i < IDS; i++) {
            raw.unlink(rawDataKey(utf8(String.format("%020d", i) + "cp-" + i)));
        }
        rawPipelineConnection.close();
        rawPipelineClient.shutdown();
        if (rawClient != null) {
            rawConnection.close();
            rawClient.shutdown();
        } else {
            rawClusterConnection.close();
            rawClusterClient.shutdown();
        }
    }

    @Benchmark
    public Checkpoint save() {
        return store.save(toSave.get(sequence++ % IDS));
    }

    @Benchmark
    public Object rawSave() {
        int i = sequence++ % IDS;
        byte[] member = utf8(String.format("%020d", i) + "cp-" + i);
        return multiSetZadd(rawDataKey(member), rawBodies.get(i), rawIndex, member);
    }

    @Benchmark
    public Checkpoint saveNewId() {
        int i = newIds++;
        return store.save(Checkpoint.builder(newIdsExecution).id("new-" + i).nodeName("plan").state(state)
                .metadata(Map.of("node", "plan", "step", Integer.toString(i))).build());
    }

    @Benchmark
    public Object rawSaveNewId() {
        byte[] member = utf8("new-" + rawNewIds++);
        return multiSetZadd(rawDataKey(member), state, rawNewIndex(), member);
    }

    /** MULTI, SET, ZADD, EXEC in one flush; waits only for EXEC. */
    private TransactionResult multiSetZadd(byte[] dataKey, byte[] body, byte[] index, byte[] member) {
        rawPipeline.multi();
        rawPipeline.set(dataKey, body);
        rawPipeline.zadd(index, 0, member);
        RedisFuture<TransactionResult> exec = rawPipeline.exec();
        rawPipelineConnection.flushCommands();
        try {
            return exec.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("raw MULTI/EXEC failed", e);
        }
    }

    @Benchmark
    public Optional<Checkpoint> latest() {
        return store.latest(listedExecution);
    }

    @Benchmark
    public byte[] rawLatest() {
        List<byte[]> last = raw.zrange(rawListedIndex, -1, -1);
        return raw.get(rawDataKey(last.get(0)));
    }

    @Benchmark
    public int trim(Trimmed refilled) {
        return store.trim(trimmedExecution, KEPT);
    }

    @Benchmark
    public int rawTrim(Trimmed refilled) {
        return ListThenDelete.trim(store, trimmedExecution, KEPT);
    }

    private byte[] rawNewIndex() {
        return utf8(new String(rawIndex, StandardCharsets.UTF_8).replace(":index", ":new"));
    }

    private byte[] rawDataKey(byte[] member) {
        byte[] tagged = utf8(new String(rawIndex, StandardCharsets.UTF_8).replace(":index", ":data:"));
        byte[] key = new byte[tagged.length + member.length];
        System.arraycopy(tagged, 0, key, 0, tagged.length);
        System.arraycopy(member, 0, key, tagged.length, member.length);
        return key;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
