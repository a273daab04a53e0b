package io.checkpointkit.encryption;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's copy of the key ring and the rule for asking the {@link KeyProvider} again.
 *
 * <p>The copy is used until it is {@code refreshInterval} old; then the first caller to notice
 * asks the provider while the others go on with the copy they have (a try-lock, so no caller
 * ever waits for a slow provider behind another). A key id the copy does not know makes the
 * caller ask at once, unless the last ask was less than {@link EncryptionConfig#UNKNOWN_KEY_REFRESH_GAP}
 * ago; this is how a process learns a key another process already encrypts with. A provider
 * that fails, or returns null, leaves the copy as it was until the next interval; the failure is
 * counted, and logged once per streak (its class and message; the provider keeps keys out of
 * them).
 */
final class KeyRingCache {

    private static final Logger LOG = LoggerFactory.getLogger(EncryptingCheckpointStore.class);

    private record Snapshot(KeyRing ring, Instant fetchedAt) {
    }

    private final KeyProvider provider;
    private final Duration refreshInterval;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong refreshFailures = new AtomicLong();
    private volatile Snapshot current;
    private boolean failing; // guarded by refreshing

    /** Asks the provider for the first ring; a failure here fails the caller. */
    KeyRingCache(KeyProvider provider, Duration refreshInterval, Clock clock) {
        this.provider = provider;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
        KeyRing first = provider.keyRing();
        if (first == null) {
            throw new IllegalStateException("the key provider " + provider.getClass().getName() + " returned no key ring");
        }
        this.current = new Snapshot(first, clock.instant());
    }

    /** The ring to use now, refreshed first when it is due. */
    KeyRing ring() {
        Snapshot snapshot = current;
        if (!clock.instant().isBefore(snapshot.fetchedAt().plus(refreshInterval))) {
            refresh(false);
        }
        return current.ring();
    }

    /** The key with an id: from the current ring, else from a fresh one when one may be asked for. */
    Optional<EncryptionKey> key(String keyId) {
        Optional<EncryptionKey> key = ring().key(keyId);
        if (key.isPresent()
                || clock.instant().isBefore(current.fetchedAt().plus(EncryptionConfig.UNKNOWN_KEY_REFRESH_GAP))) {
            return key;
        }
        refresh(false);
        return current.ring().key(keyId);
    }

    /** Asks the provider now, waiting for a refresh in progress; for {@code reencrypt}. */
    KeyRing refreshNow() {
        refresh(true);
        return current.ring();
    }

    long refreshes() {
        return refreshes.get();
    }

    long refreshFailures() {
        return refreshFailures.get();
    }

    private void refresh(boolean wait) {
        if (wait) {
            refreshing.lock();
        } else if (!refreshing.tryLock()) {
            return;
        }
        try {
            KeyRing ring = provider.keyRing();
            if (ring == null) {
                throw new IllegalStateException("the key provider returned no key ring");
            }
            current = new Snapshot(ring, clock.instant());
            refreshes.incrementAndGet();
            if (failing) {
                failing = false;
                LOG.info("The key provider answers again; key ring {}", ring);
            }
        } catch (RuntimeException e) {
            refreshFailures.incrementAndGet();
            current = new Snapshot(current.ring(), clock.instant());
            if (!failing) {
                failing = true;
                LOG.warn("The key provider {} failed ({}: {}); keeping key ring {} and asking again in {}",
                        provider.getClass().getName(), e.getClass().getName(), e.getMessage(), current.ring(),
                        refreshInterval);
            }
        } finally {
            refreshing.unlock();
        }
    }
}
