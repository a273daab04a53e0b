package io.checkpointkit.micrometer;

import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointCorruptedException;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.decorators.CircuitOpenException;

/** The {@code outcome} tag of a store call: what became of it, in words an operator reads. */
enum Outcome {
    SUCCESS("success"),
    CONFLICT("conflict"),
    REJECTED("rejected"),
    UNAVAILABLE("unavailable"),
    CORRUPTED("corrupted"),
    INVALID_ARGUMENT("invalid_argument"),
    CLOSED("closed"),
    UNSUPPORTED("unsupported"),
    ERROR("error");

    final String tag;

    Outcome(String tag) {
        this.tag = tag;
    }

    static Outcome of(Throwable failure) {
        // Most specific first: CircuitOpenException is a CheckpointStoreUnavailableException.
        if (failure instanceof CheckpointConflictException) {
            return CONFLICT;
        } else if (failure instanceof CircuitOpenException) {
            return REJECTED;
        } else if (failure instanceof CheckpointStoreUnavailableException) {
            return UNAVAILABLE;
        } else if (failure instanceof CheckpointCorruptedException) {
            return CORRUPTED;
        } else if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException) {
            return INVALID_ARGUMENT;
        } else if (failure instanceof IllegalStateException) {
            return CLOSED;
        } else if (failure instanceof UnsupportedOperationException) {
            return UNSUPPORTED;
        }
        return ERROR;
    }
}
