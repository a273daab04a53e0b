package io.checkpointkit.internal;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered UUIDv7 strings (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter
 * that keeps ids made in the same millisecond by this process in increasing order, then 62
 * random bits. Not part of the public API.
 */
public final class UuidV7 {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The millisecond (upper bits) and counter (lower 12 bits) of the last id made. */
    private static final AtomicLong LAST = new AtomicLong();

    private UuidV7() {
    }

    /** Returns a new UUIDv7 in its canonical lower-case string form. */
    public static String next() {
        long now = System.currentTimeMillis() << 12;
        long stamp = LAST.updateAndGet(last -> Math.max(now, last + 1));
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
