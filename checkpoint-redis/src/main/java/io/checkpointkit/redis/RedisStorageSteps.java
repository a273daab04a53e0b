package io.checkpointkit.redis;

import io.checkpointkit.AbstractCheckpointStore;
import io.checkpointkit.Capability;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.ExecutionPage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The storage steps of {@link RedisCheckpointStore}, which adds only its public face (defaults,
 * factories, builder): one script per operation on the execution's keys, plus the id pointer
 * and registry steps around it (see {@link IdPointers} and {@link ExecutionRegistry}); what
 * differs on Cluster is the store's {@link Topology}. Script replies are decoded by
 * {@link ScriptReplies}. Every step may throw {@link CheckpointStoreUnavailableException} when
 * Redis cannot be reached or times out.
 */
abstract class RedisStorageSteps extends AbstractCheckpointStore {

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
    private final Set<Capability> capabilities;
    /** The clock of write times (epoch ms in each execution's "w" key). */
    private final Clock clock = Clock.systemUTC();

    /**
     * @param topology standalone or Cluster, chosen when the store was built
     * @param newGenerations makes the fresh pointer generations ({@link IdPointers#newGeneration} but in tests)
     */
    RedisStorageSteps(RedisConnector redis, String prefix, Duration ttl, Topology.Factory topology,
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
        this.capabilities = ttl == null
                ? Set.copyOf(EnumSet.of(Capability.DURABLE))
                : Set.copyOf(EnumSet.of(Capability.DURABLE, Capability.TTL));
    }

    /**
     * {@inheritDoc}
     *
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached or times out
     * @throws CheckpointConflictException as the contract says, and also when concurrent
     *     deletes, or saves of the same id under other executions, kept revoking this save's
     *     claim on the id until the timeout (it retries with jittered backoff until then):
     *     contention, which a circuit breaker does not count as a failure
     */
    @Override
    protected Checkpoint doSave(Checkpoint checkpoint) {
        SaveSteps.Write w = saves.write(checkpoint);
        Backoff backoff = new Backoff(redis.timeout());
        do {
            OptionalLong version = topology.trySave(w);
            if (version.isPresent()) {
                return checkpoint.withVersion(version.getAsLong());
            }
        } while (backoff.pause());
        throw backoff.contended("the save of checkpoint '" + checkpoint.id() + "'", "its id pointer kept being"
                + " revoked by concurrent deletes or by saves of the id under other executions");
    }

    /**
     * {@inheritDoc}
     *
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached or times out
     * @throws CheckpointCorruptedException if the stored bytes cannot be decoded
     */
    @Override
    protected Optional<Checkpoint> doLoad(String checkpointId) {
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

    /**
     * {@inheritDoc}
     *
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached or times out
     * @throws CheckpointCorruptedException if stored bytes cannot be decoded
     */
    @Override
    protected List<Checkpoint> doList(String executionId) {
        return doList(executionId, CheckpointQuery.all());
    }

    /**
     * {@inheritDoc} The range and limit are applied in Redis; a metadata filter is applied here
     * to batches read in order, so it reads the checkpoints it skips.
     *
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached or times out
     * @throws CheckpointCorruptedException if stored bytes cannot be decoded
     */
    @Override
    protected List<Checkpoint> doList(String executionId, CheckpointQuery query) {
        RedisKeys.ExecutionKeys k = keys.execution(utf8(executionId));
        byte[] after = query.after().map(RedisStorageSteps::utf8).orElse(NONE);
        byte[] before = query.before().map(RedisStorageSteps::utf8).orElse(NONE);
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

    /**
     * {@inheritDoc} One script reads the last index entry and its data.
     *
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached or times out
     * @throws CheckpointCorruptedException if the stored bytes cannot be decoded
     */
    @Override
    protected Optional<Checkpoint> doLatest(String executionId) {
        return ScriptReplies.checkpoints(LuaScript.LATEST, executionId,
                redis.run(LuaScript.LATEST, keys.execution(utf8(executionId)).forRead())).stream().findFirst();
    }

    /**
     * {@inheritDoc}
     *
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached or times out
     */
    @Override
    protected boolean doDelete(String checkpointId) {
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

    /**
     * {@inheritDoc} One script removes the data; the removed ids' pointers are then released
     * (one more script on standalone, one script per node, in parallel, on Cluster).
     *
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached or times out
     */
    @Override
    protected int doClear(String executionId) {
        byte[] execution = utf8(executionId);
        registry.remove(execution);
        return release(execution, ScriptReplies.removed(LuaScript.CLEAR,
                redis.run(LuaScript.CLEAR, keys.execution(execution).all(), fenceExpiry)));
    }

    /**
     * {@inheritDoc} One script (on Cluster too: all keys of an execution share a hash tag) reads
     * the time of the execution's last write from its {@code w} key and clears only if it is
     * before the cutoff; the removed ids' pointers are then released. Write times are epoch
     * milliseconds by the system UTC clock of the writing process. An execution written before
     * write times were kept has none: the first call counts it as written then, so it is cleared
     * one maximum idle time later.
     *
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached or times out
     */
    @Override
    protected int doClearIfIdleSince(String executionId, Instant cutoff) {
        // The registry entry stays until a page finds the execution empty: a save racing with
        // this must not lose its entry.
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

    /**
     * {@inheritDoc} One script removes the data; the removed ids' pointers are then released
     * (one more script on standalone, one script per node, in parallel, on Cluster).
     *
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached or times out
     */
    @Override
    protected int doTrim(String executionId, int keepLatest) {
        byte[] execution = utf8(executionId);
        return release(execution, ScriptReplies.removed(LuaScript.TRIM, redis.run(LuaScript.TRIM,
                keys.execution(execution).forRemove(), ascii(Integer.toString(keepLatest)), fenceExpiry)));
    }

    /**
     * {@inheritDoc} Pages through a registry spread over several sorted sets, merged in order.
     *
     * @throws CheckpointStoreUnavailableException if Redis cannot be reached or times out
     */
    @Override
    protected ExecutionPage doExecutions(String afterExecutionId, int limit) {
        return registry.page(afterExecutionId, limit);
    }

    /** {@link Capability#DURABLE}, and {@link Capability#TTL} when a ttl is configured. */
    @Override
    protected Set<Capability> doCapabilities() {
        return capabilities;
    }

    /** Closes the connection, and the client when the store built it; never the user's client. */
    @Override
    protected void doClose() {
        redis.close();
    }

    @Override
    public String toString() {
        return "RedisCheckpointStore{" + redis.target() + '}';
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
