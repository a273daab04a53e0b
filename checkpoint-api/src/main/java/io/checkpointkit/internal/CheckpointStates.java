package io.checkpointkit.internal;

import io.checkpointkit.Checkpoint;

import java.util.Objects;

/**
 * The state bytes of a {@link Checkpoint} without the copy its public API makes, for the
 * decorators of this module that transform every state anyway (see
 * {@code io.checkpointkit.decorators.StateTransformingCheckpointStore}): a 64 KiB state copied
 * twice more per save and per load costs as much as encrypting it. {@link Checkpoint} hands its
 * {@link Access} over once, when its class is initialized. Not part of the public API.
 */
public final class CheckpointStates {

    /** What {@link Checkpoint} gives this class: its own state array, and a copy with another one. */
    public interface Access {

        /** The state array of {@code checkpoint} itself. */
        byte[] state(Checkpoint checkpoint);

        /** {@code checkpoint} with {@code state} as its state, taken without a copy. */
        Checkpoint withState(Checkpoint checkpoint, byte[] state);
    }

    private static volatile Access access;

    private CheckpointStates() {
    }

    /**
     * Called once, by {@link Checkpoint}'s class initializer.
     *
     * @throws IllegalStateException if an access was set already
     */
    public static synchronized void register(Access checkpointAccess) {
        if (access != null) {
            throw new IllegalStateException("the checkpoint state access is set already");
        }
        access = Objects.requireNonNull(checkpointAccess, "checkpointAccess must not be null");
    }

    /**
     * The state array of {@code checkpoint} itself, not a copy: the caller reads it and never
     * changes it.
     */
    public static byte[] stateOf(Checkpoint checkpoint) {
        // An instance exists, so Checkpoint's class initializer has run and registered.
        return access.state(Objects.requireNonNull(checkpoint, "checkpoint must not be null"));
    }

    /**
     * {@code checkpoint} with {@code state} as its state and every other field (version
     * included) kept; the array is taken without a copy, so the caller never changes it again.
     */
    public static Checkpoint withState(Checkpoint checkpoint, byte[] state) {
        return access.withState(Objects.requireNonNull(checkpoint, "checkpoint must not be null"),
                Objects.requireNonNull(state, "state must not be null"));
    }
}
