package io.checkpointkit.koog;

import ai.koog.agents.snapshot.feature.AgentCheckpointData;
import ai.koog.agents.snapshot.providers.AsyncPersistenceStorageProvider;
import ai.koog.agents.snapshot.providers.filters.AgentCheckpointPredicateFilter;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Arguments;
import io.checkpointkit.spi.Ids;
import kotlinx.serialization.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Koog's persistence storage provider (the {@code Persistence} feature of
 * {@code agents-features-snapshot}) over any {@link CheckpointStore}.
 *
 * <p>Install it as the feature's {@code storage}; every {@link AgentCheckpointData} Koog saves
 * becomes one {@link Checkpoint}:
 * <ul>
 *   <li>the agent's session id (Koog's {@code sessionId} / {@code agentId}, the run id) is the
 *       {@linkplain Checkpoint#executionId() execution id};
 *   <li>{@code checkpointId} is the {@linkplain Checkpoint#id() checkpoint id};
 *   <li>{@code createdAt} is the {@linkplain Checkpoint#timestamp() timestamp} (truncated to
 *       microseconds there; the exact instant stays in the state);
 *   <li>Koog's {@code version} is the metadata entry {@value #VERSION_KEY} (decimal): our
 *       {@link Checkpoint#version()} is the store's compare-and-set counter, which Koog does not
 *       control;
 *   <li>the kind of checkpoint ({@code graph}, {@code planner}, {@code tombstone} or
 *       {@code other}) is the metadata entry {@value #KIND_KEY}; a graph checkpoint's
 *       {@code nodePath} is the {@linkplain Checkpoint#nodeName() node name};
 *   <li>the state is the checkpoint serialised as Koog's own file provider does it:
 *       {@code AgentCheckpointData}'s serializer through the provider's
 *       {@linkplain Builder#json(Json) Json} (by default Koog's
 *       {@code PersistenceUtils.defaultCheckpointJson}, the one its file provider uses unless
 *       given another), as UTF-8 bytes. Every provider over the same data must use a
 *       {@code Json} that reads what the others wrote.
 * </ul>
 *
 * <p>Semantics:
 * <ul>
 *   <li>{@link #saveCheckpointAsync} writes unconditionally (an upsert by checkpoint id, like
 *       Koog's file provider); every save of a new id adds to the history. Saving a checkpoint id
 *       that the store holds under another session fails with
 *       {@link io.checkpointkit.CheckpointConflictException}.
 *   <li>{@link #getCheckpointsAsync} returns the session's checkpoints oldest first, in the
 *       store's {@code (timestamp, id)} order, that is by {@code createdAt}, ties broken by
 *       checkpoint id; {@link #getLatestCheckpointAsync} returns the last of them that passes
 *       the filter (Koog's file provider: the greatest {@code createdAt}), or {@code null}.
 *   <li>A non-null filter is honoured after decoding: only checkpoints for which
 *       {@link AgentCheckpointPredicateFilter#check} is true are returned.
 *   <li>A stored checkpoint whose state is not Koog's JSON fails the call with
 *       {@link io.checkpointkit.CheckpointCorruptedException} naming it (Koog's file provider
 *       skips such files silently; we do not hide data loss).
 * </ul>
 *
 * <p>Threads: every call checks its arguments on the caller's thread and throws there, before
 * any I/O ({@link NullPointerException} for null, {@link IllegalArgumentException} for an
 * illegal id: 1 to 512 characters, no ISO control character). The store is then called on the
 * {@linkplain Builder#executor(Executor) executor}, never on the caller's thread and never on
 * {@link java.util.concurrent.ForkJoinPool#commonPool()}; the returned future completes there.
 * Store failures complete the future exceptionally with the store's exception; a full executor
 * completes it with {@link RejectedExecutionException}.
 *
 * <p>Cancellation: cancelling a future (Koog does it when the agent's coroutine is cancelled)
 * never interrupts a thread. A save whose future is cancelled before it started is not written;
 * one already started runs to its end. Each save is one {@link CheckpointStore#save} call, which
 * every store performs atomically, so a save is either stored completely or not at all, never in
 * part; only which of the two happened is unknown to the caller once it cancelled.
 *
 * <p>The provider never closes the store it was given. {@link #close()} stops its own default
 * executor, if it made one, and nothing else. Thread-safe.
 */
public final class CheckpointKitPersistenceProvider
        extends AsyncPersistenceStorageProvider<AgentCheckpointPredicateFilter>
        implements AutoCloseable {

    /** Metadata key holding Koog's {@code version} of the checkpoint, in decimal. */
    public static final String VERSION_KEY = "koog.version";

    /** Metadata key holding the kind of checkpoint: graph, planner, tombstone or other. */
    public static final String KIND_KEY = "koog.kind";

    /** Threads of the default executor. */
    public static final int DEFAULT_THREADS = 4;

    /** Calls the default executor queues while all its threads are busy; more are rejected. */
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;

    private final CheckpointStore store;
    private final Executor executor;
    private final ThreadPoolExecutor ownedExecutor;
    private final CheckpointJson json;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CheckpointKitPersistenceProvider(Builder builder) {
        this.store = builder.store;
        this.json = new CheckpointJson(builder.json);
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = defaultExecutor(builder.threads, builder.queueCapacity);
            this.executor = ownedExecutor;
        }
    }

    /**
     * A provider over {@code store} with the default executor ({@value #DEFAULT_THREADS}
     * threads, {@value #DEFAULT_QUEUE_CAPACITY} queued calls) and Koog's default checkpoint
     * {@link Json}; close it to stop those threads.
     *
     * @param store the store to keep Koog's checkpoints in; not closed by the provider
     * @return the provider
     * @throws NullPointerException if {@code store} is null
     */
    public static CheckpointKitPersistenceProvider of(CheckpointStore store) {
        return builder(store).build();
    }

    /**
     * A builder of a provider over {@code store}.
     *
     * @param store the store to keep Koog's checkpoints in; not closed by the provider
     * @return the builder
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(CheckpointStore store) {
        return new Builder(store);
    }

    /**
     * Saves {@code agentCheckpointData} as a checkpoint of the session {@code agentId} (an
     * unconditional upsert by checkpoint id; see the class comment for the mapping).
     *
     * @param agentId the agent's session id, the execution id
     * @param agentCheckpointData the checkpoint to save
     * @return a future completed with {@code true} once the checkpoint is stored, or
     *     exceptionally with the store's exception (for example
     *     {@link io.checkpointkit.CheckpointConflictException} when the checkpoint id belongs to
     *     another session)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code agentId} or the checkpoint id is not a legal id,
     *     or the node path cannot be stored as a node name (U+0000, unpaired surrogate)
     * @throws IllegalStateException if the provider is closed
     */
    @Override
    public CompletableFuture<Boolean> saveCheckpointAsync(String agentId, AgentCheckpointData agentCheckpointData) {
        Ids.requireValid(agentId, "agentId");
        Objects.requireNonNull(agentCheckpointData, "agentCheckpointData must not be null");
        requireOpen();
        Checkpoint checkpoint = json.toCheckpoint(agentId, agentCheckpointData);
        return submit(() -> {
            store.save(checkpoint);
            return Boolean.TRUE;
        });
    }

    /**
     * The checkpoints of the session {@code agentId} that pass {@code filter}, oldest first.
     *
     * @param agentId the agent's session id, the execution id
     * @param filter the filter, or null for all checkpoints
     * @return a future completed with the checkpoints (unmodifiable; empty when none), or
     *     exceptionally with the store's exception or a
     *     {@link io.checkpointkit.CheckpointCorruptedException}
     * @throws NullPointerException if {@code agentId} is null
     * @throws IllegalArgumentException if {@code agentId} is not a legal id
     * @throws IllegalStateException if the provider is closed
     */
    @Override
    public CompletableFuture<List<AgentCheckpointData>> getCheckpointsAsync(
            String agentId, AgentCheckpointPredicateFilter filter) {
        Ids.requireValid(agentId, "agentId");
        requireOpen();
        return submit(() -> {
            List<AgentCheckpointData> result = new ArrayList<>();
            for (Checkpoint checkpoint : store.list(agentId)) {
                AgentCheckpointData data = json.decode(checkpoint);
                if (filter == null || filter.check(data)) {
                    result.add(data);
                }
            }
            return List.copyOf(result);
        });
    }

    /**
     * The latest checkpoint of the session {@code agentId} that passes {@code filter}: the last
     * in {@code (createdAt, checkpointId)} order.
     *
     * @param agentId the agent's session id, the execution id
     * @param filter the filter, or null for any checkpoint
     * @return a future completed with the checkpoint, or with {@code null} when there is none,
     *     or exceptionally with the store's exception or a
     *     {@link io.checkpointkit.CheckpointCorruptedException}
     * @throws NullPointerException if {@code agentId} is null
     * @throws IllegalArgumentException if {@code agentId} is not a legal id
     * @throws IllegalStateException if the provider is closed
     */
    @Override
    public CompletableFuture<AgentCheckpointData> getLatestCheckpointAsync(
            String agentId, AgentCheckpointPredicateFilter filter) {
        Ids.requireValid(agentId, "agentId");
        requireOpen();
        return submit(() -> {
            if (filter == null) {
                Optional<Checkpoint> latest = store.latest(agentId);
                return latest.map(json::decode).orElse(null);
            }
            List<Checkpoint> all = store.list(agentId);
            for (int i = all.size() - 1; i >= 0; i--) {
                AgentCheckpointData data = json.decode(all.get(i));
                if (filter.check(data)) {
                    return data;
                }
            }
            return null;
        });
    }

    /**
     * Stops the default executor if this provider made one, letting the calls already accepted
     * finish; a user's executor and the store are left alone. Later calls throw
     * {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the Koog persistence provider is closed");
        }
    }

    private <T> CompletableFuture<T> submit(Supplier<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                if (future.isDone()) {
                    return; // cancelled before it started: nothing is read or written
                }
                try {
                    future.complete(call.get());
                } catch (Throwable failure) {
                    future.completeExceptionally(failure);
                }
            });
        } catch (RejectedExecutionException rejected) {
            future.completeExceptionally(rejected);
        }
        return future;
    }

    private static ThreadPoolExecutor defaultExecutor(int threads, int queueCapacity) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, "checkpointkit-koog-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Configures a {@link CheckpointKitPersistenceProvider}. Not thread-safe; {@link #build()}
     * may be called more than once.
     */
    public static final class Builder {
        private final CheckpointStore store;
        private Executor executor;
        private Json json = CheckpointJson.koogDefault();
        private int threads = DEFAULT_THREADS;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

        private Builder(CheckpointStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
        }

        /**
         * The executor the store is called on. Default: a pool the provider makes, of
         * {@link #threads(int)} daemon threads and a queue of {@link #queueCapacity(int)} calls,
         * stopped by {@link CheckpointKitPersistenceProvider#close()}. A given executor is never
         * shut down by the provider; pass one that may block (the stores do I/O), not
         * {@link java.util.concurrent.ForkJoinPool#commonPool()}.
         *
         * @param executor the executor
         * @return this builder
         * @throws NullPointerException if {@code executor} is null
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor must not be null");
            return this;
        }

        /**
         * Threads of the default executor; ignored when an {@link #executor(Executor)} is given.
         * Default {@value CheckpointKitPersistenceProvider#DEFAULT_THREADS}.
         *
         * @param threads 1 to 256
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is outside 1 to 256
         */
        public Builder threads(int threads) {
            this.threads = Arguments.requireBetween(threads, 1, 256, "threads");
            return this;
        }

        /**
         * Calls the default executor queues while its threads are busy; further calls complete
         * with {@link RejectedExecutionException}. Ignored when an {@link #executor(Executor)} is
         * given. Default {@value CheckpointKitPersistenceProvider#DEFAULT_QUEUE_CAPACITY}.
         *
         * @param queueCapacity 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code queueCapacity} is less than 1
         */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = Arguments.requireAtLeast(queueCapacity, 1, "queueCapacity");
            return this;
        }

        /**
         * The kotlinx {@link Json} that writes and reads the checkpoints, as the {@code json}
         * parameter of Koog's own {@code FilePersistenceStorageProvider}: give yours when you
         * configured one for Koog (a {@code serializersModule} with your polymorphic
         * serializers, another {@code classDiscriminator}, ...). Default: Koog's
         * {@code PersistenceUtils.defaultCheckpointJson} ({@code prettyPrint},
         * {@code ignoreUnknownKeys}, {@code explicitNulls = false}), the one Koog's file provider
         * uses unless given another. Checkpoints written with one {@code Json} may be unreadable
         * with another: a provider over the same data then fails the read with
         * {@link io.checkpointkit.CheckpointCorruptedException}.
         *
         * @param json the Json for {@code AgentCheckpointData}
         * @return this builder
         * @throws NullPointerException if {@code json} is null
         */
        public Builder json(Json json) {
            this.json = Objects.requireNonNull(json, "json must not be null");
            return this;
        }

        /**
         * Builds the provider.
         *
         * @return a new provider over the store
         */
        public CheckpointKitPersistenceProvider build() {
            return new CheckpointKitPersistenceProvider(this);
        }
    }
}
