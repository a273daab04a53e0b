package io.checkpointkit.langgraph4j;

import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.spi.Ids;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;
import org.bsc.langgraph4j.checkpoint.Checkpoint;
import org.bsc.langgraph4j.serializer.StateSerializer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * LangGraph4j's {@link BaseCheckpointSaver} over any {@link CheckpointStore}: pass it to
 * {@code CompileConfig.builder().checkpointSaver(saver)} and every checkpoint of the graph goes to the
 * store, whichever backend (and decorators) it is.
 *
 * <p>The mapping: a LangGraph4j thread is an execution (the default thread is the execution
 * {@value BaseCheckpointSaver#THREAD_ID_DEFAULT}); a LangGraph4j checkpoint is a checkpoint with the same
 * id, its {@code nodeId} as {@code nodeName}, its state as the bytes of the graph's
 * {@link StateSerializer}, its {@code nextNodeId} and the serializer's content type in metadata
 * ({@value #NEXT_NODE_KEY}, {@value #CONTENT_TYPE_KEY}), and the thread's previous checkpoint as
 * {@code parentId}.
 *
 * <p>The semantics are those of LangGraph4j's {@code MemorySaver}: {@link #list} is newest first;
 * {@link #get} with a checkpoint id finds it only within the config's thread, without one it returns
 * the thread's latest (each one store call); {@link #put} without a checkpoint id appends, with one it
 * replaces that checkpoint at its place in the history; {@link #release} clears the thread (or keeps it,
 * see {@link ReleaseMode}). Every checkpoint of a thread gets a later timestamp than the one before it
 * (at least one microsecond later), so the store's order is the order of the puts even when two come
 * within one microsecond or the clock steps back.
 *
 * <p>Writes to one thread are serialised within this saver; different threads run in parallel.
 * Like LangGraph4j itself, this saver assumes one graph run writes a thread at a time. It never closes
 * the store it was given. Thread-safe.
 */
public final class CheckpointKitSaver implements BaseCheckpointSaver {

    /** Metadata key of the LangGraph4j checkpoint's {@code nextNodeId}. */
    public static final String NEXT_NODE_KEY = "langgraph4j.nextNodeId";
    /** Metadata key of the content type of the state bytes (the serializer's {@code contentType()}). */
    public static final String CONTENT_TYPE_KEY = "langgraph4j.contentType";
    /** Metadata key set on the latest checkpoint of a thread released in {@link ReleaseMode#KEEP_AND_MARK}. */
    public static final String RELEASED_KEY = "langgraph4j.released";
    /** The release mode unless the builder says otherwise. */
    public static final ReleaseMode DEFAULT_RELEASE_MODE = ReleaseMode.CLEAR;

    private static final CheckpointQuery NEWEST_FIRST = CheckpointQuery.builder().newestFirst(true).build();

    private final CheckpointStore store;
    private final StateBytes stateBytes;
    private final ReleaseMode releaseMode;
    private final Clock clock;
    private final ThreadLocks locks = new ThreadLocks();

    private CheckpointKitSaver(Builder builder) {
        this.store = builder.store;
        this.stateBytes = new StateBytes(builder.serializer);
        this.releaseMode = builder.releaseMode;
        this.clock = builder.clock;
    }

    /**
     * A saver with the default options.
     *
     * @param store where the checkpoints go; not closed by the saver
     * @param serializer the graph's serializer ({@code stateGraph.getStateSerializer()})
     * @throws NullPointerException if an argument is null
     */
    public static CheckpointKitSaver of(CheckpointStore store, StateSerializer<?> serializer) {
        return builder(store, serializer).build();
    }

    /**
     * A builder for a saver with options.
     *
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(CheckpointStore store, StateSerializer<?> serializer) {
        return new Builder(store, serializer);
    }

    /** What {@link #release} does. */
    public ReleaseMode releaseMode() {
        return releaseMode;
    }

    /**
     * The checkpoints of the config's thread, newest first; empty when it has none.
     *
     * @throws IllegalArgumentException if the thread id is not a legal execution id
     * @throws io.checkpointkit.CheckpointCorruptedException if a checkpoint's state cannot be read
     */
    @Override
    public Collection<Checkpoint> list(RunnableConfig config) {
        String threadId = validThreadId(config);
        return store.list(threadId, NEWEST_FIRST).stream().map(this::toGraphCheckpoint).toList();
    }

    /**
     * With a checkpoint id in the config: that checkpoint if it belongs to the config's thread, else
     * empty. Without one: the thread's latest checkpoint, or empty when it has none.
     *
     * @throws IllegalArgumentException if the thread id or the checkpoint id is not a legal id
     * @throws io.checkpointkit.CheckpointCorruptedException if the checkpoint's state cannot be read
     */
    @Override
    public Optional<Checkpoint> get(RunnableConfig config) {
        String threadId = validThreadId(config);
        Optional<String> checkpointId = validCheckpointId(config);
        Optional<io.checkpointkit.Checkpoint> stored = checkpointId.isPresent()
                ? store.load(checkpointId.get()).filter(cp -> cp.executionId().equals(threadId))
                : store.latest(threadId);
        return stored.map(this::toGraphCheckpoint);
    }

    /**
     * Without a checkpoint id in the config, appends the checkpoint to the thread and returns the config
     * with its id. With one, replaces that checkpoint of the thread by the given one (which may have
     * another id) at the same place in the history, and returns the config unchanged. A replacement
     * under a new id writes the new checkpoint before deleting the old one, so a crash leaves the old
     * one, the new one or both, never neither.
     *
     * @throws NoSuchElementException if the config names a checkpoint the thread does not hold
     * @throws IllegalArgumentException if an id is not a legal id
     * @throws java.io.IOException if the serializer cannot write the state
     */
    @Override
    public RunnableConfig put(RunnableConfig config, Checkpoint checkpoint) throws Exception {
        Objects.requireNonNull(checkpoint, "checkpoint");
        String threadId = validThreadId(config);
        Optional<String> replacedId = validCheckpointId(config);
        Ids.requireValid(checkpoint.getId(), "checkpoint id");
        byte[] state = stateBytes.encode(checkpoint.getState());
        ReentrantLock lock = locks.of(threadId);
        lock.lock();
        try {
            if (replacedId.isPresent()) {
                replace(threadId, replacedId.get(), checkpoint, state);
                return config;
            }
            append(threadId, checkpoint, state);
        } finally {
            lock.unlock();
        }
        return RunnableConfig.builder(config).checkPointId(checkpoint.getId()).build();
    }

    /**
     * Releases the config's thread as the {@link ReleaseMode} says and returns its checkpoints as they
     * were, newest first.
     *
     * @throws IllegalArgumentException if the thread id is not a legal execution id
     */
    @Override
    public Tag release(RunnableConfig config) throws Exception {
        String threadId = validThreadId(config);
        ReentrantLock lock = locks.of(threadId);
        lock.lock();
        try {
            List<io.checkpointkit.Checkpoint> stored = store.list(threadId, NEWEST_FIRST);
            if (releaseMode == ReleaseMode.CLEAR) {
                store.clear(threadId);
            } else if (!stored.isEmpty()) {
                io.checkpointkit.Checkpoint latest = stored.get(0);
                store.save(latest.toBuilder().putMetadata(RELEASED_KEY, clock.instant().toString()).build());
            }
            return new Tag(threadId, stored.stream().map(this::toGraphCheckpoint).toList());
        } finally {
            lock.unlock();
        }
    }

    private void append(String threadId, Checkpoint checkpoint, byte[] state) {
        Optional<io.checkpointkit.Checkpoint> previous = store.latest(threadId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant timestamp = previous.map(p -> p.timestamp().plus(1, ChronoUnit.MICROS))
                .filter(next -> next.isAfter(now)).orElse(now);
        store.save(io.checkpointkit.Checkpoint.builder(threadId)
                .id(checkpoint.getId())
                .parentId(previous.map(io.checkpointkit.Checkpoint::id).orElse(null))
                .nodeName(checkpoint.getNodeId())
                .state(state)
                .metadata(graphMetadata(Map.of(), checkpoint))
                .timestamp(timestamp)
                .build());
    }

    private void replace(String threadId, String replacedId, Checkpoint checkpoint, byte[] state) {
        io.checkpointkit.Checkpoint old = store.load(replacedId)
                .filter(cp -> cp.executionId().equals(threadId))
                .orElseThrow(() -> new NoSuchElementException(
                        "thread '" + threadId + "' holds no checkpoint '" + replacedId + "'"));
        // Same timestamp and parent as the old one: the replacement takes its place in the history.
        io.checkpointkit.Checkpoint replacement = io.checkpointkit.Checkpoint.builder(threadId)
                .id(checkpoint.getId())
                .parentId(old.parentId())
                .nodeName(checkpoint.getNodeId())
                .state(state)
                .metadata(graphMetadata(old.metadata(), checkpoint))
                .timestamp(old.timestamp())
                .build();
        store.save(replacement);
        if (!replacedId.equals(checkpoint.getId())) {
            store.delete(replacedId);
        }
    }

    private Map<String, String> graphMetadata(Map<String, String> kept, Checkpoint checkpoint) {
        Map<String, String> metadata = new HashMap<>(kept);
        metadata.remove(RELEASED_KEY);
        metadata.put(CONTENT_TYPE_KEY, stateBytes.contentType());
        metadata.put(NEXT_NODE_KEY, checkpoint.getNextNodeId());
        return metadata;
    }

    private Checkpoint toGraphCheckpoint(io.checkpointkit.Checkpoint stored) {
        Map<String, Object> state = stateBytes.decode(stored.id(), stored.metadata().get(CONTENT_TYPE_KEY), stored.state());
        return Checkpoint.builder()
                .id(stored.id())
                .nodeId(stored.nodeName())
                .nextNodeId(stored.metadata().getOrDefault(NEXT_NODE_KEY, ""))
                .state(state)
                .build();
    }

    private String validThreadId(RunnableConfig config) {
        Objects.requireNonNull(config, "config");
        return Ids.requireValid(threadId(config), "thread id");
    }

    private static Optional<String> validCheckpointId(RunnableConfig config) {
        return config.checkPointId().map(id -> Ids.requireValid(id, "checkpoint id"));
    }

    /** Options of a {@link CheckpointKitSaver}; every one has a default. */
    public static final class Builder {

        private final CheckpointStore store;
        private final StateSerializer<?> serializer;
        private ReleaseMode releaseMode = DEFAULT_RELEASE_MODE;
        private Clock clock = Clock.systemUTC();

        private Builder(CheckpointStore store, StateSerializer<?> serializer) {
            this.store = Objects.requireNonNull(store, "store must not be null");
            this.serializer = Objects.requireNonNull(serializer, "serializer must not be null");
        }

        /**
         * What {@link CheckpointKitSaver#release} does; default {@link ReleaseMode#CLEAR}.
         *
         * @param releaseMode the mode
         * @return this builder
         * @throws NullPointerException if {@code releaseMode} is null
         */
        public Builder releaseMode(ReleaseMode releaseMode) {
            this.releaseMode = Objects.requireNonNull(releaseMode, "releaseMode must not be null");
            return this;
        }

        /**
         * The clock that timestamps checkpoints and release marks; default the system UTC clock.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** The saver. */
        public CheckpointKitSaver build() {
            return new CheckpointKitSaver(this);
        }
    }
}
