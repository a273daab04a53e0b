package io.checkpointkit.encryption;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.decorators.ForwardingCheckpointStore;
import io.checkpointkit.decorators.StateTransformingCheckpointStore;
import io.checkpointkit.spi.Ids;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that encrypts every checkpoint's state with AES-256-GCM before it reaches the store
 * it wraps, and decrypts it on the way out. Everything else (ids, parent, node name, metadata,
 * timestamp, version) is stored as it is, so queries, metadata filters, ordering, trimming and
 * sweeps work unchanged; keep secrets in the state.
 *
 * <p>Each state is encrypted with the primary key of the current {@link KeyRing}, under a random
 * 96-bit nonce, with the execution id and checkpoint id as associated data; the key id is stored
 * in a small header (layout in the module README). A state that was changed, moved to another
 * checkpoint or execution, written under a key the ring no longer holds, or never encrypted,
 * gives a {@link CheckpointCorruptedException} naming the checkpoint (on {@link #load}, and on
 * the list operations that return it); other checkpoints stay readable.
 *
 * <p>Key rotation: the ring comes from the {@link EncryptionConfig#keyProvider()} and is asked for
 * again as {@link KeyProvider} describes, so a new key is used without a restart. Old states stay
 * readable as long as their key is in the ring; {@link #reencrypt} moves them to the primary key
 * so the old key can be removed.
 *
 * <p>Composition: compress, then encrypt. The compressing decorator goes outside this one
 * ({@code CompressingCheckpointStore.wrap(EncryptingCheckpointStore.wrap(store, …), …)});
 * {@link #wrap} refuses a compressing store as its direct delegate, since ciphertext does not
 * compress. A cache outside this decorator holds plaintext in memory; inside it, ciphertext.
 *
 * <pre>{@code
 * EncryptingCheckpointStore store = EncryptingCheckpointStore.wrap(backend, EncryptionConfig.builder()
 *         .keyProvider(KeyProviders.file(Path.of("/etc/checkpointkit/keys"))).build());
 * }</pre>
 */
public final class EncryptingCheckpointStore extends StateTransformingCheckpointStore {

    /** The compressing decorator, named rather than depended on: this module does not need checkpoint-compression. */
    static final String COMPRESSING_STORE = "io.checkpointkit.compression.CompressingCheckpointStore";

    private final EncryptionConfig config;
    private final KeyRingCache keys;
    private final StateCipher cipher = new StateCipher();
    private final AtomicLong encryptions = new AtomicLong();
    private final AtomicLong decryptions = new AtomicLong();
    private final AtomicLong corrupted = new AtomicLong();

    private EncryptingCheckpointStore(CheckpointStore delegate, EncryptionConfig config) {
        super(delegate);
        this.config = config;
        this.keys = new KeyRingCache(config.keyProvider(), config.refreshInterval(), config.clock());
    }

    /**
     * Wraps a store so that it encrypts states. Asks the key provider for the first ring.
     *
     * @param store the store to hold the encrypted states
     * @param config the settings
     * @return the decorator
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code store} is a compressing store, or has one anywhere
     *     in its chain of {@link ForwardingCheckpointStore#layers layers} (compress first: wrap the
     *     compressing store around this one)
     * @throws RuntimeException whatever the key provider throws for the first ring
     */
    public static EncryptingCheckpointStore wrap(CheckpointStore store, EncryptionConfig config) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(config, "config must not be null");
        List<Class<? extends CheckpointStore>> layers = ForwardingCheckpointStore.layers(store);
        if (layers.stream().anyMatch(layer -> layer.getName().equals(COMPRESSING_STORE))) {
            throw new IllegalArgumentException("compress, then encrypt: wrap the CompressingCheckpointStore around"
                    + " the EncryptingCheckpointStore, not inside it (ciphertext does not compress); layers below: "
                    + layers.stream().map(Class::getSimpleName).toList());
        }
        return new EncryptingCheckpointStore(store, config);
    }

    /** The settings this decorator was made with. */
    public EncryptionConfig config() {
        return config;
    }

    /** A snapshot of the counters, for metrics. */
    public EncryptionStats stats() {
        return new EncryptionStats(encryptions.get(), decryptions.get(), corrupted.get(),
                keys.refreshes(), keys.refreshFailures());
    }

    /** The key ring in use now (refreshed first when due); its {@code toString} shows ids only. */
    public KeyRing keyRing() {
        return keys.ring();
    }

    /**
     * The checkpoint with its state encrypted under the primary key (the plaintext stays with the
     * caller: {@code save} returns the argument with its new version).
     */
    @Override
    protected Checkpoint encode(Checkpoint checkpoint) {
        return encrypt(checkpoint, keys.ring().primary());
    }

    /**
     * The checkpoint with its state decrypted.
     *
     * @throws CheckpointCorruptedException if it cannot be decrypted
     */
    @Override
    protected Checkpoint decode(Checkpoint stored) {
        return withState(stored, decryptState(stored));
    }

    /**
     * Moves every checkpoint of the store whose state is not under the primary key of a freshly
     * asked-for ring to that key. See {@link #reencrypt(String, ReencryptListener)}.
     *
     * @param listener told of each execution done and each checkpoint that cannot be read
     * @return the counts
     * @throws NullPointerException if {@code listener} is null
     * @throws UnsupportedOperationException if the store cannot list its executions
     */
    public ReencryptSummary reencrypt(ReencryptListener listener) {
        return reencrypt(null, listener);
    }

    /**
     * Moves every checkpoint whose state is not under the primary key to that key, execution by
     * execution in execution-id order, starting after {@code afterExecutionId} (null: from the
     * first). The ring is asked for first, so the primary key is the newest the provider knows.
     *
     * <p>Each checkpoint is rewritten with a compare-and-set save at the version it was read at:
     * a concurrent write wins and is read again (its state is usually under the primary key
     * already); a checkpoint deleted meanwhile is skipped; nothing newer is ever overwritten. The
     * rewrite keeps every field but the state and adds 1 to the version, so a writer holding the
     * old version gets a {@link io.checkpointkit.CheckpointConflictException}, as with any
     * concurrent write, and the execution counts as written (for idle sweeps).
     *
     * <p>Resumable: {@link ReencryptListener#executionDone} gives the execution just finished; pass
     * it as {@code afterExecutionId} to go on after an interruption. Running the pass again from
     * the start is also correct (states under the primary key are read, not rewritten). A
     * checkpoint that cannot be decrypted is reported, counted, and left as it is.
     *
     * @param afterExecutionId start after this execution id; null for the first
     * @param listener told of each execution done and each checkpoint that cannot be read
     * @return the counts
     * @throws NullPointerException if {@code listener} is null
     * @throws IllegalArgumentException if {@code afterExecutionId} is not a legal id
     * @throws UnsupportedOperationException if the store cannot list its executions
     */
    public ReencryptSummary reencrypt(String afterExecutionId, ReencryptListener listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        if (afterExecutionId != null) {
            Ids.requireValid(afterExecutionId, "afterExecutionId");
        }
        return new Reencryption(this, delegate(), keys.refreshNow().primary(), config.reencryptBatchSize(), listener)
                .run(afterExecutionId);
    }

    /** The checkpoint with its state encrypted under {@code key}. */
    Checkpoint encrypt(Checkpoint checkpoint, EncryptionKey key) {
        byte[] stored = cipher.encrypt(key, checkpoint.executionId(), checkpoint.id(), stateOf(checkpoint));
        encryptions.incrementAndGet();
        return withState(checkpoint, stored);
    }

    /** The plaintext of a stored checkpoint's state. */
    byte[] decryptState(Checkpoint stored) {
        try {
            byte[] bytes = stateOf(stored);
            String keyId = StateCipher.keyIdOf(stored.id(), bytes);
            EncryptionKey key = keys.key(keyId).orElseThrow(() -> new CheckpointCorruptedException(stored.id(),
                    "its key '" + keyId + "' is not in the key ring " + keys.ring().keyIds(), null));
            byte[] state = cipher.decrypt(key, stored.executionId(), stored.id(), bytes);
            decryptions.incrementAndGet();
            return state;
        } catch (CheckpointCorruptedException e) {
            corrupted.incrementAndGet();
            throw e;
        }
    }
}
