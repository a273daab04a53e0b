package io.checkpointkit.decorators;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.internal.StateAccess;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The base of a decorator that stores each checkpoint in another form than its caller sees
 * (compressed, encrypted): {@link #encode} on the way in, {@link #decode} on every way out. The
 * five operations that carry checkpoints are mapped here once, so a subclass cannot forget one:
 * {@link #save} stores the encoded form; {@link #load}, {@link #latest} and both {@code list}
 * operations return the decoded form. Everything else (ids, deletes, trims, executions) is
 * forwarded unchanged, so {@code encode} must keep the id, execution id, timestamp and every
 * user metadata entry the store orders or filters by.
 *
 * <pre>{@code
 * final class Rot13Store extends StateTransformingCheckpointStore {
 *     Rot13Store(CheckpointStore delegate) { super(delegate); }
 *     @Override protected Checkpoint encode(Checkpoint c) { return withState(c, rot13(stateOf(c))); }
 *     @Override protected Checkpoint decode(Checkpoint c) { return withState(c, rot13(stateOf(c))); }
 * }
 * }</pre>
 *
 * <p>{@link #stateOf} and {@link #withState} read and replace a state without the copies that
 * {@link Checkpoint#state()} and {@link Checkpoint.Builder#state} make: a transformation that
 * makes a new array anyway saves two copies of every state per call.
 */
public abstract class StateTransformingCheckpointStore extends ForwardingCheckpointStore {

    /**
     * @param delegate the store that holds the encoded checkpoints
     * @throws NullPointerException if {@code delegate} is null
     */
    protected StateTransformingCheckpointStore(CheckpointStore delegate) {
        super(delegate);
    }

    /**
     * The form of {@code checkpoint} the wrapped store holds; may be {@code checkpoint} itself
     * (stored as it is). Called before any I/O: a refused argument throws here.
     *
     * @param checkpoint the caller's checkpoint, not null
     * @return the checkpoint to store, with the same id, execution id, version and timestamp
     */
    protected abstract Checkpoint encode(Checkpoint checkpoint);

    /**
     * The caller's form of a checkpoint the wrapped store returned; may be {@code stored} itself.
     *
     * @param stored a checkpoint as the wrapped store holds it, not null
     * @return the checkpoint to return to the caller
     * @throws io.checkpointkit.CheckpointCorruptedException if {@code stored} cannot be decoded
     */
    protected abstract Checkpoint decode(Checkpoint stored);

    /**
     * {@inheritDoc}
     *
     * <p>Stores {@link #encode encode(checkpoint)}; returns {@code checkpoint} (the caller's form,
     * not the stored one) with the version the wrapped store set.
     */
    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint must not be null");
        Checkpoint stored = encode(checkpoint);
        Checkpoint saved = super.save(stored);
        return stored == checkpoint ? saved : checkpoint.withVersion(saved.version());
    }

    /** {@inheritDoc} @throws io.checkpointkit.CheckpointCorruptedException if it cannot be decoded */
    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        return super.load(checkpointId).map(this::decode);
    }

    /** {@inheritDoc} @throws io.checkpointkit.CheckpointCorruptedException if it cannot be decoded */
    @Override
    public Optional<Checkpoint> latest(String executionId) {
        return super.latest(executionId).map(this::decode);
    }

    /** {@inheritDoc} @throws io.checkpointkit.CheckpointCorruptedException if one cannot be decoded */
    @Override
    public List<Checkpoint> list(String executionId) {
        return decodeAll(super.list(executionId));
    }

    /** {@inheritDoc} @throws io.checkpointkit.CheckpointCorruptedException if one cannot be decoded */
    @Override
    public List<Checkpoint> list(String executionId, CheckpointQuery query) {
        return decodeAll(super.list(executionId, query));
    }

    /**
     * The state bytes of {@code checkpoint} themselves, not a copy. Read them, never change
     * them: the checkpoint is immutable and may be the caller's, the store's or a cache's.
     *
     * @param checkpoint any checkpoint
     * @return its state array, empty when it has no state
     * @throws NullPointerException if {@code checkpoint} is null
     */
    protected static byte[] stateOf(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint must not be null");
        return StateAccess.<Checkpoint>bridge().state(checkpoint);
    }

    /**
     * {@code checkpoint} with {@code state} as its state; every other field, the version
     * included, is kept and not checked again. The new checkpoint takes the array without a copy:
     * pass an array made for it (the output of a transformation) and never change it afterwards.
     *
     * @param checkpoint the checkpoint whose fields are kept
     * @param state the new state, owned by the result from now on
     * @return a new checkpoint
     * @throws NullPointerException if either argument is null
     */
    protected static Checkpoint withState(Checkpoint checkpoint, byte[] state) {
        Objects.requireNonNull(checkpoint, "checkpoint must not be null");
        Objects.requireNonNull(state, "state must not be null");
        return StateAccess.<Checkpoint>bridge().withState(checkpoint, state);
    }

    private List<Checkpoint> decodeAll(List<Checkpoint> stored) {
        List<Checkpoint> decoded = new ArrayList<>(stored.size());
        for (Checkpoint checkpoint : stored) {
            decoded.add(decode(checkpoint));
        }
        return decoded;
    }
}
