package io.checkpointkit.preloader;

import io.checkpointkit.Checkpoint;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cached result, present or absent, and who put it there. Absence is cached too: a write through
 * the decorator replaces it, a write elsewhere is seen once it expires.
 */
final class CachedResult {

    private final Optional<Checkpoint> value;
    private final boolean preloaded;
    private final AtomicBoolean read = new AtomicBoolean();

    CachedResult(Optional<Checkpoint> value, boolean preloaded) {
        this.value = value;
        this.preloaded = preloaded;
    }

    Optional<Checkpoint> value() {
        return value;
    }

    boolean preloaded() {
        return preloaded;
    }

    /** Marks the entry read by a reader; true the first time only. */
    boolean markRead() {
        return !read.get() && read.compareAndSet(false, true);
    }

    /** Whether a reader was served from this entry since it was cached. */
    boolean wasRead() {
        return read.get();
    }
}
