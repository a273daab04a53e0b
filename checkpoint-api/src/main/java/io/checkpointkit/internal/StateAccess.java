package io.checkpointkit.internal;

import java.util.Objects;

/**
 * The state bytes of a checkpoint without the copy its public API makes, for the decorators of
 * this module that transform every state anyway
 * ({@code io.checkpointkit.decorators.StateTransformingCheckpointStore}): a 64 KiB state copied
 * twice more per save and per load costs as much as encrypting it. {@code io.checkpointkit.Checkpoint}
 * registers its {@link Bridge} once, from its class initializer. The checkpoint type is a type
 * parameter so that this package does not depend on the model's package (no package cycle).
 * Not part of the public API; not exported on the module path.
 */
public final class StateAccess {

    /**
     * What the checkpoint class gives: its own state array, and a copy of a checkpoint with
     * another array.
     *
     * @param <C> the checkpoint type
     */
    public interface Bridge<C> {

        /** The state array of {@code checkpoint} itself, not a copy. */
        byte[] state(C checkpoint);

        /** {@code checkpoint} with {@code state} as its state, taken without a copy; every other field kept. */
        C withState(C checkpoint, byte[] state);
    }

    private static volatile Bridge<?> bridge;

    private StateAccess() {
    }

    /**
     * Called once, by the checkpoint class's initializer.
     *
     * @throws IllegalStateException if a bridge was registered already
     */
    public static synchronized void register(Bridge<?> checkpointBridge) {
        if (bridge != null) {
            throw new IllegalStateException("the checkpoint state bridge is registered already");
        }
        bridge = Objects.requireNonNull(checkpointBridge, "checkpointBridge must not be null");
    }

    /**
     * The registered bridge. Callers hold a checkpoint already, so its class has been
     * initialized and the bridge is there.
     */
    @SuppressWarnings("unchecked")
    public static <C> Bridge<C> bridge() {
        return (Bridge<C>) bridge;
    }
}
