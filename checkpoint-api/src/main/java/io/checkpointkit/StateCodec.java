package io.checkpointkit;

import java.util.Objects;

/**
 * Turns typed state into the bytes of a {@link Checkpoint} and back. {@link JsonStateCodec} is
 * the default; Java serialization is never used.
 *
 * @param <S> the type of the state
 */
public interface StateCodec<S> {

    /**
     * Encodes state.
     *
     * @param state the state
     * @return its bytes
     * @throws NullPointerException if {@code state} is null
     * @throws IllegalArgumentException if the state cannot be encoded, saying why
     */
    byte[] encode(S state);

    /**
     * Decodes state.
     *
     * @param bytes bytes made by {@link #encode}
     * @return the state
     * @throws NullPointerException if {@code bytes} is null
     * @throws IllegalArgumentException if the bytes cannot be decoded, saying why
     */
    S decode(byte[] bytes);

    /**
     * Decodes the state of a checkpoint.
     *
     * @param checkpoint the checkpoint
     * @return its state
     * @throws CheckpointCorruptedException naming the checkpoint if its state cannot be decoded
     */
    default S decode(Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint must not be null");
        try {
            return decode(checkpoint.state());
        } catch (IllegalArgumentException e) {
            throw new CheckpointCorruptedException(checkpoint.id(), e.getMessage(), e);
        }
    }
}
