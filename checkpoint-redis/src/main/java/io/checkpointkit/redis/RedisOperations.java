package io.checkpointkit.redis;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.ExecutionPage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The operations of {@link RedisCheckpointStore} on validated arguments: one script per
 * operation on the execution's keys, plus the id pointer and registry steps around it
 * (see {@link IdPointers} and {@link ExecutionRegistry}); what differs on Cluster is the
 * store's {@link Topology}. Script replies are decoded by {@link ScriptReplies}.
 */
final class RedisOperations {

    /** How long a revoked pointer generation is remembered: far longer than any save is in flight. */
    static final Duration FENCE_RETENTION = Duration.ofHours(1);
    /** How many checkpoints a filtered list reads per script call. */
    private static final int SCAN_BATCH = 128;
    private static final byte[] NONE = new byte[0];
    private static final byte[] ZERO = ascii("0");
    private static final byte[] ONE = ascii("1");

    private final RedisConnector redis;
    private final RedisKeys keys;
    private final IdPointers pointers;
    private final ExecutionRegistry registry;
    private final SaveSteps saves;
    private final Topology topology;
    private final byte[] fenceExpiry;
    /** The clock of write times (epoch ms in each execution's "w" key). */
    private final Clock clock = Clock.systemUTC();

    /**
     * @param topology standalone or Cluster, chosen when the store was built
     * @param newGenerations makes the fresh pointer generations ({@link IdPointers#newGeneration} but in tests)
     */
    RedisOperations(RedisConnector redis, String prefix, Duration ttl, Topology.Factory topology,
                    Supplier<byte[]> newGenerations) {
        this.redis = redis;
        this.keys = new RedisKeys(prefix);
        long ttlMillis = ttl == null ? 0 : ttl.toMillis();
        // A pointer outlives its data: refreshed at least every ttl/2, it lives 1.5 ttl (+1 s).
        long pointerTtlMillis = ttlMillis == 0 ? 0 : ttlMillis + ttlMillis / 2 + 1_000;
        long fenceMillis = Math.max(FENCE_RETENTION.toMillis(), pointerTtlMillis);
        this.fenceExpiry = ascii(Long.toString(fenceMillis));
        this.pointers = new IdPointers(redis, keys, pointerTtlMillis, fenceMillis, newGenerations);
        this.registry = new ExecutionRegistry(redis, keys, ttlMillis);
        this.saves = new SaveSteps(redis, keys, pointers, registry, ttlMillis, pointerTtlMillis, newGenerations,
                this::now);
        this.topology = topology.create(redis, pointers, saves);
    }

    Checkpoint save(Checkpoint checkpoint) {
        SaveSteps.Write w = saves.write(checkpoint);
        Backoff backoff = new Backoff(redis.timeout());
        do {
            OptionalLong version = topology.trySave(w);
            if (version.isPresent()) {
                return checkpoint.toBuilder().version(version.getAsLong()).build();
            }
        } while (backoff.pause());
        throw backoff.contended("the save of checkpoint '" + checkpoint.id() + "'", "its id pointer kept being"
                + " revoked by concurrent deletes or by saves of the id under other executions");
    }

    Optional<Checkpoint> load(String checkpointId) {
        byte[] id = utf8(checkpointId);
        byte[] pointer = pointers.read(id);
        if (pointer == null) {
            return Optional.empty();
        }
        byte[] executionId = ValueLayout.pointerExecution(pointer);
        RedisKeys.ExecutionKeys k = keys.execution(executionId);
        return ScriptReplies.loaded(checkpointId, RedisKeys.string(executionId),
                redis.run(LuaScript.LOAD, new byte[][] {k.versions(), k.data()}, id));
    }

    List<Checkpoint> list(String executionId, CheckpointQuery query) {
        RedisKeys.ExecutionKeys k = keys.execution(utf8(executionId));
        byte[] after = query.after().map(RedisOperations::utf8).orElse(NONE);
        byte[] before = query.before().map(RedisOperations::utf8).orElse(NONE);
        byte[] newestFirst = query.newestFirst() ? ONE : ZERO;
        int limit = query.limit().orElse(-1);
        if (query.metadata().isEmpty()) {
            return ScriptReplies.checkpoints(LuaScript.RANGE, executionId, redis.run(LuaScript.RANGE, k.forRead(),
                    after, before, newestFirst, ZERO, ascii(Integer.toString(limit))));
        }
        // The filter is applied here: each batch is read atomically, the scan is not a snapshot.
        List<Checkpoint> selected = new ArrayList<>();
        for (int offset = 0; ; offset += SCAN_BATCH) {
            List<Checkpoint> batch = ScriptReplies.checkpoints(LuaScript.RANGE, executionId, redis.run(LuaScript.RANGE,
                    k.forRead(), after, before, newestFirst, ascii(Integer.toString(offset)),
                    ascii(Integer.toString(SCAN_BATCH))));
            for (Checkpoint c : batch) {
                if (query.matchesMetadata(c)) {
                    selected.add(c);
                    if (selected.size() == limit) {
                        return selected;
                    }
                }
            }
            if (batch.size() < SCAN_BATCH) {
                return selected;
            }
        }
    }

    Optional<Checkpoint> latest(String executionId) {
        return ScriptReplies.checkpoints(LuaScript.LATEST, executionId,
                redis.run(LuaScript.LATEST, keys.execution(utf8(executionId)).forRead())).stream().findFirst();
    }

    boolean delete(String checkpointId) {
        byte[] id = utf8(checkpointId);
        byte[] pointer = pointers.read(id);
        if (pointer == null) {
            return false;
        }
        RedisKeys.ExecutionKeys k = keys.execution(ValueLayout.pointerExecution(pointer));
        topology.forget(checkpointId);
        boolean removed = ScriptReplies.flag(LuaScript.DELETE, redis.run(LuaScript.DELETE, k.forDelete(), id,
                ValueLayout.pointerGeneration(pointer), fenceExpiry, now()));
        redis.await(pointers.release(id, pointer));
        return removed;
    }

    int clear(String executionId) {
        byte[] execution = utf8(executionId);
        registry.remove(execution);
        return release(execution, ScriptReplies.removed(LuaScript.CLEAR,
                redis.run(LuaScript.CLEAR, keys.execution(execution).all(), fenceExpiry)));
    }

    /**
     * One script checks the execution's last write and clears it; the registry entry stays until
     * a page finds the execution empty (a save racing with this must not lose its entry).
     */
    int clearIfIdleSince(String executionId, Instant cutoff) {
        byte[] execution = utf8(executionId);
        long cutoffMillis;
        try {
            cutoffMillis = cutoff.toEpochMilli(); // rounded down: a write at that ms is not before it
        } catch (ArithmeticException e) {
            cutoffMillis = cutoff.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return release(execution, ScriptReplies.removed(LuaScript.CLEAR_IF_IDLE, redis.run(LuaScript.CLEAR_IF_IDLE,
                keys.execution(execution).all(), fenceExpiry, ascii(Long.toString(cutoffMillis)), now())));
    }

    /** The time of a write, as the scripts take it: epoch milliseconds. */
    private byte[] now() {
        return ascii(Long.toString(clock.millis()));
    }

    int trim(String executionId, int keepLatest) {
        byte[] execution = utf8(executionId);
        return release(execution, ScriptReplies.removed(LuaScript.TRIM, redis.run(LuaScript.TRIM,
                keys.execution(execution).forRemove(), ascii(Integer.toString(keepLatest)), fenceExpiry)));
    }

    ExecutionPage executions(String afterExecutionId, int limit) {
        return registry.page(afterExecutionId, limit);
    }

    /** Releases the pointers of the checkpoints a script removed; returns how many it removed. */
    private int release(byte[] executionId, List<ScriptReplies.RemovedCheckpoint> removed) {
        if (removed.isEmpty()) {
            return 0;
        }
        byte[][] pointerKeys = new byte[removed.size()][];
        byte[][] expected = new byte[removed.size()][];
        for (int i = 0; i < removed.size(); i++) {
            ScriptReplies.RemovedCheckpoint r = removed.get(i);
            topology.forget(RedisKeys.string(r.id()));
            pointerKeys[i] = keys.pointer(r.id());
            expected[i] = ValueLayout.pointer(r.generation(), executionId);
        }
        topology.releasePointers(pointerKeys, expected);
        return removed.size();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
