package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.redis.RedisCheckpointStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Redis store under a key prefix of its own ({@code scale-<random>}), whose keys are removed
 * at the end by SCAN + UNLINK of the prefix. The fill goes through the store's {@code save}
 * from several threads at once: they share the store's one Lettuce connection, which pipelines
 * their scripts (as many in flight as threads). Writing the keys directly would copy the store's
 * layout (pointer generations, sortable index members, the registry) outside the store; its own
 * script is the honest path, and Redis's script execution bounds the rate either way.
 */
final class RedisScaleBackend implements ScaleBackend {

    private static final int PIPELINE = 1000;
    /** The hash tag of probe executions: base64url of "probe-" (6 bytes, so 8 characters, no padding). */
    private static final String PROBE_TAG = "x:{" + Base64.getUrlEncoder().encodeToString(
            "probe-".getBytes(StandardCharsets.UTF_8));
    /** The part that {@link #storedBytes()} leaves out. */
    private static final String PROBE_LEFTOVERS = "fences left by cleared probe executions (expire within 1 h; not counted)";

    private final String prefix = "scale-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisCheckpointStore store;
    private final ExecutorService fillers;
    private final int fillThreads;
    private final long usedMemoryBefore;

    RedisScaleBackend(String uri, int fillThreads) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect(ByteArrayCodec.INSTANCE);
        this.usedMemoryBefore = usedMemory();
        this.store = RedisCheckpointStore.builder(uri).prefix(prefix).build();
        this.fillThreads = fillThreads;
        this.fillers = Executors.newFixedThreadPool(fillThreads, r -> {
            Thread t = new Thread(r, "scale-redis-fill");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public CheckpointStore store() {
        return store;
    }

    @Override
    public String fillMethod() {
        return "save() from " + fillThreads + " threads over the store's one Lettuce connection (pipelined scripts)";
    }

    @Override
    public void fill(List<Checkpoint> checkpoints) throws InterruptedException, ExecutionException {
        Map<String, List<Checkpoint>> byExecution = new LinkedHashMap<>();
        for (Checkpoint cp : checkpoints) {
            byExecution.computeIfAbsent(cp.executionId(), e -> new ArrayList<>()).add(cp);
        }
        List<Future<?>> running = new ArrayList<>(byExecution.size());
        for (List<Checkpoint> execution : byExecution.values()) {
            running.add(fillers.submit(() -> execution.forEach(store::save)));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    /**
     * The sum of {@code MEMORY USAGE} (key, value and its allocator overhead) over the prefix's
     * keys, but for the fences that cleared probe executions leave for an hour.
     */
    @Override
    public OptionalLong storedBytes() throws InterruptedException, ExecutionException, TimeoutException {
        return OptionalLong.of(bytesByPart().entrySet().stream().filter(e -> !e.getKey().equals(PROBE_LEFTOVERS))
                .mapToLong(Map.Entry::getValue).sum());
    }

    /**
     * {@code MEMORY USAGE} summed by kind of key: the execution keys by their suffix
     * ({@code x:{E}:d} data, {@code :v} versions, {@code :i} index, …), the id pointers, the registry.
     */
    @Override
    public Map<String, Long> bytesByPart() throws InterruptedException, ExecutionException, TimeoutException {
        RedisAsyncCommands<byte[], byte[]> async = connection.async();
        Map<String, Long> parts = new TreeMap<>();
        List<byte[]> keys = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<byte[]> page = connection.sync().scan(cursor, match());
            keys.addAll(page.getKeys());
            if (keys.size() >= PIPELINE || page.isFinished()) {
                List<RedisFuture<Long>> usages = new ArrayList<>(keys.size());
                for (byte[] key : keys) {
                    usages.add(async.memoryUsage(key));
                }
                for (int i = 0; i < usages.size(); i++) {
                    Long bytes = usages.get(i).get(60, TimeUnit.SECONDS);
                    parts.merge(kind(keys.get(i)), bytes == null ? 0 : bytes, Long::sum);
                }
                keys.clear();
            }
            cursor = page;
        } while (!cursor.isFinished());
        return parts;
    }

    /** {@code x:…:d} for an execution key (its suffix), {@code id:…} for a pointer, {@code ex:…} for the registry. */
    private String kind(byte[] key) {
        String rest = new String(key, StandardCharsets.UTF_8).substring(prefix.length() + 1);
        if (rest.startsWith(PROBE_TAG)) {
            return PROBE_LEFTOVERS;
        }
        if (rest.startsWith("x:")) {
            return "x:{E}" + rest.substring(rest.lastIndexOf(':'));
        }
        int colon = rest.indexOf(':');
        return (colon < 0 ? rest : rest.substring(0, colon)) + ":…";
    }

    @Override
    public String storedBytesMethod() {
        return "sum of MEMORY USAGE over the prefix's keys (SCAN)";
    }

    /** {@code used_memory} now minus before the store was opened: the whole server, so others' writes count. */
    @Override
    public OptionalLong otherBytes() {
        return OptionalLong.of(usedMemory() - usedMemoryBefore);
    }

    private long usedMemory() {
        for (String line : connection.sync().info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("INFO memory has no used_memory");
    }

    private ScanArgs match() {
        return ScanArgs.Builder.matches((prefix + ":*").getBytes(StandardCharsets.UTF_8)).limit(PIPELINE);
    }

    @Override
    public void close() throws InterruptedException, ExecutionException, TimeoutException {
        fillers.shutdownNow();
        try {
            store.close();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<byte[]> page = connection.sync().scan(cursor, match());
                if (!page.getKeys().isEmpty()) {
                    connection.async().unlink(page.getKeys().toArray(new byte[0][])).get(60, TimeUnit.SECONDS);
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            connection.close();
            client.shutdown();
        }
    }
}
