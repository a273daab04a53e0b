package io.checkpointkit.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that moves only when a test moves it ({@link #set}, {@link #advance}), so that
 * a test sees time pass without sleeping. Give it to whatever takes a clock (a store's builder,
 * a decorator's config), then move it between calls.
 *
 * <p>Thread-safe: a reader on another thread sees each move at once, and concurrent
 * {@link #advance} calls all count. {@link #withZone} returns a view in another zone that
 * shares this clock's time; the zone of a new clock is UTC.
 */
public final class FakeClock extends Clock {

    /** Where {@link #FakeClock()} starts: 2026-01-01T00:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock at {@link #DEFAULT_START}. */
    public FakeClock() {
        this(DEFAULT_START);
    }

    /**
     * A clock at {@code start}.
     *
     * @throws NullPointerException if {@code start} is null
     */
    public FakeClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start must not be null")), ZoneOffset.UTC);
    }

    private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /**
     * Sets the time; it may go backwards.
     *
     * @throws NullPointerException if {@code instant} is null
     */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant must not be null"));
    }

    /**
     * Moves the time by {@code duration} (backwards if it is negative).
     *
     * @return the time after the move
     * @throws NullPointerException if {@code duration} is null
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration must not be null");
        return now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view of this clock in {@code zone}: it shows the same time and moves with it. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new FakeClock(now, Objects.requireNonNull(zone, "zone must not be null"));
    }

    @Override
    public String toString() {
        return "FakeClock[" + now.get() + ", " + zone + ']';
    }
}
