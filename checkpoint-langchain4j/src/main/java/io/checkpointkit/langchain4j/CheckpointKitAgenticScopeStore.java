package io.checkpointkit.langchain4j;

import dev.langchain4j.agentic.scope.AgenticScopeKey;
import dev.langchain4j.agentic.scope.AgenticScopeSerializer;
import dev.langchain4j.agentic.scope.AgenticScopeStore;
import dev.langchain4j.agentic.scope.DefaultAgenticScope;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.ExecutionPage;
import io.checkpointkit.retention.RetentionSweeper;
import io.checkpointkit.spi.Arguments;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * LangChain4j's {@link AgenticScopeStore} over any {@link CheckpointStore}: register it with
 * {@code AgenticScopePersister.setStore(CheckpointKitAgenticScopeStore.of(store))} and every agentic
 * scope LangChain4j persists (the scope of an agent or workflow invoked with a memory id) goes to the
 * store, whichever backend (and decorators) it is.
 *
 * <p>The mapping: an {@link AgenticScopeKey} is an execution, whose id is
 * {@code lc4j:<type>:<agentId>:<memoryId>} with both parts escaped ({@link #executionIdOf}; the
 * module's README gives the exact encoding); a saved scope is a checkpoint of that execution whose
 * state is the scope's JSON as LangChain4j's own {@link AgenticScopeSerializer} writes it (UTF-8), with
 * node name {@value #NODE_NAME}, metadata {@value #CONTENT_TYPE_KEY} = {@value #CONTENT_TYPE}, and the
 * execution's previous checkpoint as parent.
 *
 * <p>Every {@link #save} adds a checkpoint, so the execution keeps the scope's history and
 * {@link #load} returns the latest. To keep the history bounded, give this class an
 * {@link io.checkpointkit.decorators.AutoTrimmingCheckpointStore}; without it the history grows with
 * every save until {@link #delete} or a retention sweep. Each new checkpoint gets a later timestamp than
 * the one before it (at least one microsecond later), so the store's order is the order of the saves.
 *
 * <p>Saves to one key are serialised within this object; different keys run in parallel. It never
 * closes the store it was given. Thread-safe.
 */
public final class CheckpointKitAgenticScopeStore implements AgenticScopeStore {

    /** The node name of every checkpoint this class writes. */
    public static final String NODE_NAME = "langchain4j.agenticScope";
    /** Metadata key of the state's content type. */
    public static final String CONTENT_TYPE_KEY = "langchain4j.contentType";
    /** The content type of the state: the JSON of {@link AgenticScopeSerializer}, UTF-8. */
    public static final String CONTENT_TYPE = "application/json";
    /** Executions asked for per {@code executions()} call by {@link #getAllKeys}, unless the builder says otherwise. */
    public static final int DEFAULT_PAGE_SIZE = RetentionSweeper.DEFAULT_PAGE_SIZE;
    /** The most keys {@link #getAllKeys} returns, unless the builder says otherwise: no limit. */
    public static final int DEFAULT_MAX_KEYS = Integer.MAX_VALUE;

    private static final int LOCK_STRIPES = 64;

    private final CheckpointStore store;
    private final int pageSize;
    private final int maxKeys;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    private CheckpointKitAgenticScopeStore(Builder builder) {
        this.store = builder.store;
        this.pageSize = builder.pageSize;
        this.maxKeys = builder.maxKeys;
        this.clock = builder.clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * A scope store with the default options.
     *
     * @param store where the scopes go; not closed by this object
     * @throws NullPointerException if {@code store} is null
     */
    public static CheckpointKitAgenticScopeStore of(CheckpointStore store) {
        return builder(store).build();
    }

    /**
     * A builder for a scope store with options.
     *
     * @param store where the scopes go; not closed by this object
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(CheckpointStore store) {
        return new Builder(store);
    }

    /**
     * The execution id a key maps to: {@code lc4j:<type>:<agentId>:<memoryId>}, where the type is
     * {@code s}, {@code i}, {@code l} or {@code u} for a String, Integer, Long or UUID memory id, and
     * both parts have {@code %}, {@code :}, control characters ({@code %XX}) and unpaired surrogates
     * ({@code %uXXXX}) escaped. Different keys always map to different ids; {@link #keyOf} reverses it.
     *
     * @param key a key
     * @return its execution id
     * @throws NullPointerException if the key or its agent id is null
     * @throws IllegalArgumentException if the memory id is null or not a String, Integer, Long or UUID,
     *     or if the execution id would be longer than 512 characters
     */
    public static String executionIdOf(AgenticScopeKey key) {
        return ScopeKeys.executionId(key);
    }

    /**
     * The key an execution id stands for: the inverse of {@link #executionIdOf}.
     *
     * @param executionId an execution id
     * @return the key, or empty when the id is not one {@link #executionIdOf} makes (another user's
     *     execution)
     */
    public static Optional<AgenticScopeKey> keyOf(String executionId) {
        return ScopeKeys.key(executionId);
    }

    /**
     * Adds the scope as the latest checkpoint of its key's execution. The key is mapped (and refused if
     * it cannot be) before any I/O. Costs one {@code latest} and one {@code save} of the store.
     *
     * @return true (a failure throws)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key cannot be mapped (see {@link #executionIdOf})
     * @throws dev.langchain4j.agentic.scope.UnserializableAgenticScopeException if LangChain4j's
     *     serializer cannot write the scope
     */
    @Override
    public boolean save(AgenticScopeKey key, DefaultAgenticScope agenticScope) {
        String executionId = ScopeKeys.executionId(key);
        Objects.requireNonNull(agenticScope, "agenticScope must not be null");
        byte[] state = AgenticScopeSerializer.toJson(agenticScope).getBytes(StandardCharsets.UTF_8);
        ReentrantLock lock = locks[Math.floorMod(executionId.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            Optional<Checkpoint> previous = store.latest(executionId);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant timestamp = previous.map(p -> p.timestamp().plus(1, ChronoUnit.MICROS))
                    .filter(next -> next.isAfter(now)).orElse(now);
            store.save(Checkpoint.builder(executionId)
                    .parentId(previous.map(Checkpoint::id).orElse(null))
                    .nodeName(NODE_NAME)
                    .state(state)
                    .putMetadata(CONTENT_TYPE_KEY, CONTENT_TYPE)
                    .timestamp(timestamp)
                    .build());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The scope of the key's latest checkpoint, or empty when the key has none. One store call.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if the key cannot be mapped (see {@link #executionIdOf})
     * @throws CheckpointCorruptedException if the stored state is not a scope LangChain4j can read
     */
    @Override
    public Optional<DefaultAgenticScope> load(AgenticScopeKey key) {
        String executionId = ScopeKeys.executionId(key);
        return store.latest(executionId).map(CheckpointKitAgenticScopeStore::scopeOf);
    }

    /**
     * Deletes the key's execution, its whole history. One store call.
     *
     * @return true when something was deleted, false when the key had nothing stored
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if the key cannot be mapped (see {@link #executionIdOf})
     */
    @Override
    public boolean delete(AgenticScopeKey key) {
        return store.clear(ScopeKeys.executionId(key)) > 0;
    }

    /**
     * Every key that has a scope in the store. Other executions of the store (ids that
     * {@link #keyOf} does not map to a key) are left out.
     *
     * <p>Cost: LangChain4j's SPI returns every key in one collection, so the result holds all of them
     * in memory at once. The store is read by keyset pages of {@code pageSize} executions
     * ({@link RetentionSweeper#executions}), starting at the first id with this class's prefix and
     * stopping after the last, so only one page of the store's listing is held at a time and
     * executions of other users sorted outside the prefix are not read; the calls made are about
     * (keys / pageSize) + 1. With {@code maxKeys} set, more keys than that fail the call instead of
     * growing the set further.
     *
     * @return the keys, a new mutable set
     * @throws IllegalStateException if there are more than {@code maxKeys} keys
     */
    @Override
    public Set<AgenticScopeKey> getAllKeys() {
        Set<AgenticScopeKey> keys = new HashSet<>();
        // Ids are in code-point order, so every id with the prefix comes after the prefix itself
        // (which no key maps to: it has no type) and before the first id without it.
        for (ExecutionPage page : RetentionSweeper.executions(store, ScopeKeys.PREFIX, pageSize)) {
            for (ExecutionInfo execution : page.items()) {
                if (!execution.executionId().startsWith(ScopeKeys.PREFIX)) {
                    return keys;
                }
                Optional<AgenticScopeKey> key = ScopeKeys.key(execution.executionId());
                if (key.isPresent()) {
                    if (keys.size() == maxKeys) {
                        throw new IllegalStateException("the store holds more than maxKeys = " + maxKeys
                                + " agentic scope keys");
                    }
                    keys.add(key.get());
                }
            }
        }
        return keys;
    }

    /** The store this object writes to. */
    public CheckpointStore store() {
        return store;
    }

    /** Executions asked for per {@code executions()} call by {@link #getAllKeys}. */
    public int pageSize() {
        return pageSize;
    }

    /** The most keys {@link #getAllKeys} returns before it fails. */
    public int maxKeys() {
        return maxKeys;
    }

    private static DefaultAgenticScope scopeOf(Checkpoint checkpoint) {
        String json = new String(checkpoint.state(), StandardCharsets.UTF_8);
        try {
            return AgenticScopeSerializer.fromJson(json);
        } catch (RuntimeException e) {
            throw new CheckpointCorruptedException(checkpoint.id(),
                    "the state is not an agentic scope LangChain4j can read: " + e.getMessage(), e);
        }
    }

    /** Options of a {@link CheckpointKitAgenticScopeStore}; not thread-safe. */
    public static final class Builder {

        private final CheckpointStore store;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int maxKeys = DEFAULT_MAX_KEYS;
        private Clock clock = Clock.systemUTC();

        private Builder(CheckpointStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
        }

        /**
         * Executions asked for per {@code executions()} call by {@code getAllKeys}; default
         * {@link CheckpointKitAgenticScopeStore#DEFAULT_PAGE_SIZE} (500).
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = Arguments.requireAtLeast(pageSize, 1, "pageSize");
            return this;
        }

        /**
         * The most keys {@code getAllKeys} may return; more fail it with {@link IllegalStateException}.
         * Default: no limit ({@link Integer#MAX_VALUE}).
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxKeys(int maxKeys) {
            this.maxKeys = Arguments.requireAtLeast(maxKeys, 1, "maxKeys");
            return this;
        }

        /**
         * The clock the checkpoints' timestamps come from; default the system UTC clock.
         *
         * @throws NullPointerException if {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** The scope store. */
        public CheckpointKitAgenticScopeStore build() {
            return new CheckpointKitAgenticScopeStore(this);
        }
    }
}
