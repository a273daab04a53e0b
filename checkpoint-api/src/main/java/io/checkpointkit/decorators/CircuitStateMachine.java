package io.checkpointkit.decorators;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The CLOSED / OPEN / HALF_OPEN state machine of a circuit breaker, apart from any store.
 *
 * <p>The state is one immutable-by-identity {@link Period} behind an {@link AtomicReference}; a
 * transition is a compare-and-set from the period a caller saw to a fresh one, so exactly one
 * caller makes each transition and no lock is ever held. A call is admitted under a period and
 * reports its outcome against that same period; an outcome that arrives after its period ended
 * changes nothing.
 *
 * <p>Listeners hear the transitions in the order they took effect. Each period carries its
 * sequence number (the one it replaced plus one); the caller that made a transition parks it in
 * {@code undelivered} under that number and then delivers whatever is next in sequence, unless
 * another thread is delivering already, in which case that thread will find it. So two callers
 * that make consecutive transitions can never tell the listeners in the opposite order (the later
 * CAS winner may run its listeners first otherwise), and no caller ever waits for another: at
 * most one thread delivers at a time, and it re-checks for work after it lets go.
 */
final class CircuitStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakingCheckpointStore.class);

    /** One stretch of one state. Fields other than the counters never change. */
    static final class Period {
        final CircuitState state;
        /** CLOSED: the outcomes so far; OPEN: the window that opened it, if any (for statistics). */
        final FailureWindow window;
        /** OPEN: when trial calls may start. */
        final Instant retryAt;
        /** OPEN: why it opened. */
        final String reason;
        /** HALF_OPEN: trial calls that may still start. */
        final AtomicInteger trialPermits;
        /** HALF_OPEN: trial calls that succeeded. */
        final AtomicInteger trialSuccesses;
        /** 0 for the first period, then one more than the period it replaced. */
        final long sequence;

        private Period(long sequence, CircuitState state, FailureWindow window, Instant retryAt, String reason,
                       int permits) {
            this.sequence = sequence;
            this.state = state;
            this.window = window;
            this.retryAt = retryAt;
            this.reason = reason;
            this.trialPermits = new AtomicInteger(permits);
            this.trialSuccesses = new AtomicInteger();
        }
    }

    private final CircuitBreakerConfig config;
    private final AtomicReference<Period> current;
    private final List<CircuitBreakerListener> listeners;
    private final LongAdder calls = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder rejections = new LongAdder();
    private final LongAdder transitions = new LongAdder();
    /** Transitions made but not yet told to the listeners, by the sequence of their new period. */
    private final ConcurrentHashMap<Long, Transition> undelivered = new ConcurrentHashMap<>();
    /** Held by the one thread that is telling the listeners. */
    private final AtomicBoolean delivering = new AtomicBoolean();
    /** The sequence of the next transition to tell; written only while holding {@code delivering}. */
    private volatile long nextToDeliver = 1;

    /** One transition, waiting for its turn to be told. */
    private record Transition(Period from, Period to, Instant at) {
    }

    CircuitStateMachine(CircuitBreakerConfig config) {
        this.config = config;
        this.current = new AtomicReference<>(closed(null));
        this.listeners = new CopyOnWriteArrayList<>(config.listeners());
    }

    /**
     * Admits a call, or rejects it.
     *
     * @return the period the call runs under; pass it to one of the {@code on…} methods
     * @throws CircuitOpenException when OPEN, or HALF_OPEN with every trial taken
     */
    Period acquire() {
        while (true) {
            Period period = current.get();
            switch (period.state) {
                case CLOSED:
                    return period;
                case HALF_OPEN:
                    if (takePermit(period.trialPermits)) {
                        return period;
                    }
                    rejections.increment();
                    throw new CircuitOpenException("circuit breaker is HALF_OPEN and all "
                            + config.permittedTrialCalls() + " trial calls are taken", config.clock().instant());
                case OPEN:
                default:
                    Instant now = config.clock().instant();
                    if (now.isBefore(period.retryAt)) {
                        rejections.increment();
                        throw new CircuitOpenException("circuit breaker is OPEN (" + period.reason
                                + "); trial calls start at " + period.retryAt, period.retryAt);
                    }
                    transition(period, halfOpen(period), now);
                    // loop: take a trial permit of whatever period is current now
            }
        }
    }

    /** The call returned, or the store answered with an exception that does not count. */
    void onSuccess(Period period) {
        calls.increment();
        if (period.state == CircuitState.CLOSED) {
            period.window.record(false);
        } else if (period.state == CircuitState.HALF_OPEN
                && period.trialSuccesses.incrementAndGet() == config.permittedTrialCalls()) {
            transition(period, closed(period), config.clock().instant());
        }
    }

    /** The call failed with an exception that counts. */
    void onFailure(Period period) {
        calls.increment();
        failures.increment();
        if (period.state == CircuitState.CLOSED) {
            FailureWindow window = period.window;
            window.record(true);
            int buffered = window.bufferedCalls();
            double rate = window.failureRate();
            if (buffered >= config.minimumCalls() && rate >= config.failureRateThreshold()) {
                String reason = String.format(Locale.ROOT, "failure rate %.0f%% over the last %d calls",
                        rate * 100, buffered);
                Instant now = config.clock().instant();
                transition(period, open(period, now, reason, window), now);
            }
        } else if (period.state == CircuitState.HALF_OPEN) {
            Instant now = config.clock().instant();
            transition(period, open(period, now, "a trial call failed", null), now);
        }
    }

    /** The call says nothing about the store (a bad argument, a closed store): not recorded. */
    void onIgnored(Period period) {
        calls.increment();
        if (period.state == CircuitState.HALF_OPEN) {
            period.trialPermits.incrementAndGet();
        }
    }

    /** The state now; an OPEN period whose wait is over becomes HALF_OPEN first. */
    CircuitState state() {
        Period period = current.get();
        if (period.state == CircuitState.OPEN) {
            Instant now = config.clock().instant();
            if (!now.isBefore(period.retryAt)) {
                transition(period, halfOpen(period), now);
                return current.get().state;
            }
        }
        return period.state;
    }

    CircuitBreakerStats stats() {
        CircuitState state = state();
        Period period = current.get();
        FailureWindow window = period.window;
        return new CircuitBreakerStats(state, calls.sum(), failures.sum(), rejections.sum(), transitions.sum(),
                window == null ? 0 : window.bufferedCalls(), window == null ? 0.0 : window.failureRate());
    }

    void addListener(CircuitBreakerListener listener) {
        listeners.add(listener);
    }

    boolean removeListener(CircuitBreakerListener listener) {
        return listeners.remove(listener);
    }

    private static boolean takePermit(AtomicInteger permits) {
        int left;
        do {
            left = permits.get();
            if (left <= 0) {
                return false;
            }
        } while (!permits.compareAndSet(left, left - 1));
        return true;
    }

    private void transition(Period from, Period to, Instant at) {
        if (!current.compareAndSet(from, to)) {
            return; // another caller made this transition (or another) first
        }
        transitions.increment();
        undelivered.put(to.sequence, new Transition(from, to, at));
        deliverInOrder();
    }

    /**
     * Tells the listeners every transition that is next in sequence. Whoever parks a transition
     * calls this after parking it; if another thread holds {@code delivering}, the loop below in
     * that thread sees the parked transition after it lets go, so none is left behind.
     */
    private void deliverInOrder() {
        while (undelivered.containsKey(nextToDeliver) && delivering.compareAndSet(false, true)) {
            try {
                Transition t;
                while ((t = undelivered.remove(nextToDeliver)) != null) {
                    nextToDeliver = nextToDeliver + 1;
                    tell(t);
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    private void tell(Transition t) {
        CircuitState from = t.from().state;
        CircuitState to = t.to().state;
        if (to == CircuitState.OPEN) {
            LOG.warn("Circuit breaker {} -> OPEN: {}; trial calls start at {}", from, t.to().reason, t.to().retryAt);
        } else {
            LOG.info("Circuit breaker {} -> {}", from, to);
        }
        for (CircuitBreakerListener listener : listeners) {
            try {
                listener.onTransition(from, to, t.at());
            } catch (RuntimeException e) {
                LOG.warn("Circuit breaker listener {} failed", listener, e);
            }
        }
    }

    private Period closed(Period from) {
        return new Period(next(from), CircuitState.CLOSED, new FailureWindow(config.slidingWindowSize()), null, null, 0);
    }

    private Period open(Period from, Instant now, String reason, FailureWindow openedBy) {
        return new Period(next(from), CircuitState.OPEN, openedBy, now.plus(config.waitInOpen()), reason, 0);
    }

    private Period halfOpen(Period from) {
        return new Period(next(from), CircuitState.HALF_OPEN, null, null, null, config.permittedTrialCalls());
    }

    private static long next(Period from) {
        return from == null ? 0 : from.sequence + 1;
    }
}
