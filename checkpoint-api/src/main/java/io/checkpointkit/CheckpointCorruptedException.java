package io.checkpointkit;

import java.util.Objects;

/**
 * Stored bytes of one checkpoint cannot be decoded. Names the checkpoint; the other checkpoints
 * of the store stay readable.
 */
public class CheckpointCorruptedException extends CheckpointException {

    private static final long serialVersionUID = 1L;

    private final String checkpointId;

    /**
     * @param checkpointId the checkpoint whose stored form is bad
     * @param message what is wrong with it
     * @param cause the decoding failure, or null
     */
    public CheckpointCorruptedException(String checkpointId, String message, Throwable cause) {
        super("checkpoint '" + Objects.requireNonNull(checkpointId, "checkpointId") + "' is corrupted: " + message, cause);
        this.checkpointId = checkpointId;
    }

    /** The id of the checkpoint that cannot be decoded. */
    public String checkpointId() {
        return checkpointId;
    }
}
