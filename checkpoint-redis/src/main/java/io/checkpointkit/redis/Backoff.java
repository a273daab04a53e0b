package io.checkpointkit.redis;

import io.checkpointkit.CheckpointConflictException;
import io.checkpointkit.CheckpointStoreUnavailableException;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Paces the attempts of an operation that lost a race with other writers (its id pointer was
 * revoked between claim and write, a takeover was swapped under it): jittered exponential
 * backoff, for as long as the operation's timeout allows. Jitter keeps racing writers from
 * retrying in lockstep, which is what made them revoke each other again and again.
 *
 * <p>Contention is not an outage: when it outlasts the timeout the caller throws
 * {@link CheckpointConflictException} (see {@link #contended}), which a circuit breaker does not
 * count, never {@link CheckpointStoreUnavailableException}.
 */
final class Backoff {

    /** The ceiling of the first pause; each pause doubles it, up to {@link #MAX_PAUSE_NANOS}. */
    static final long FIRST_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Duration timeout;
    private final long deadline;
    private long ceiling = FIRST_PAUSE_NANOS;
    private int attempts = 1;

    Backoff(Duration timeout) {
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /**
     * Waits before the next attempt: a random pause between half the ceiling and the ceiling.
     *
     * @return false, without waiting, when the pause would end past the timeout
     * @throws CheckpointStoreUnavailableException if the thread is interrupted while waiting
     */
    boolean pause() {
        long pause = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        ceiling = Math.min(ceiling * 2, MAX_PAUSE_NANOS);
        if (System.nanoTime() + pause - deadline >= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckpointStoreUnavailableException("interrupted while waiting to retry a contended save", e);
        }
        attempts++;
        return true;
    }

    /** The exception for an operation still contended at its timeout; {@code what} names it. */
    CheckpointConflictException contended(String what, String why) {
        return new CheckpointConflictException(what + " was still contended after " + attempts + " attempts within the "
                + timeout + " timeout: " + why + ". This is contention between writers, not an outage; try again");
    }
}
