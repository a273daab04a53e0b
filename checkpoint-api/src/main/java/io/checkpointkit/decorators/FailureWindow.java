package io.checkpointkit.decorators;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The count-based sliding window of a circuit breaker: the outcomes of the latest {@code size}
 * calls, and how many of them failed. Lock-free, so recording never makes a caller wait.
 *
 * <p>Each record claims the next slot with one atomic increment and swaps its outcome in; the
 * failure count moves by the difference between the new and the old outcome of that slot, so
 * it always converges on the number of failures in the ring. A reader may see it a moment
 * before it converges, hence the clamping in {@link #failures()}.
 */
final class FailureWindow {

    private static final int SUCCESS = 0;
    private static final int FAILURE = 1;

    private final int size;
    private final AtomicIntegerArray outcomes;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicInteger failures = new AtomicInteger();

    FailureWindow(int size) {
        this.size = size;
        this.outcomes = new AtomicIntegerArray(size);
    }

    void record(boolean failed) {
        int outcome = failed ? FAILURE : SUCCESS;
        int slot = (int) (recorded.getAndIncrement() % size);
        int delta = outcome - outcomes.getAndSet(slot, outcome);
        if (delta != 0) {
            failures.addAndGet(delta);
        }
    }

    /** Outcomes held now, at most the window size. */
    int bufferedCalls() {
        return (int) Math.min(recorded.get(), size);
    }

    /** Failures among the buffered outcomes. */
    int failures() {
        return Math.max(0, Math.min(failures.get(), bufferedCalls()));
    }

    /** Failures divided by buffered outcomes; 0 when empty. */
    double failureRate() {
        int buffered = bufferedCalls();
        return buffered == 0 ? 0.0 : (double) failures() / buffered;
    }
}
