package io.checkpointkit.preloader;

import io.checkpointkit.Checkpoint;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cached result, present or absent, and who put it there. Absence is cached too: a write through
 * the decorator replaces it, a write elsewhere is seen once it expires.
 */
final class CachedResult {

    private final Optional<Checkpoint> value;
    private final boolean preloaded;
    /** Readers served from this entry, saturating at {@code Integer.MAX_VALUE}. */
    private final AtomicInteger reads = new AtomicInteger();

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
        int before = reads.get();
        if (before == Integer.MAX_VALUE) {
            return false;
        }
        return reads.getAndIncrement() == 0;
    }

    /** Whether a reader was served from this entry since it was cached. */
    boolean wasRead() {
        return reads.get() > 0;
    }

    /** How many readers were served from this entry since it was cached. */
    int reads() {
        return reads.get();
    }
}
