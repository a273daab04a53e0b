package io.checkpointkit.preloader;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.decorators.ForwardingCheckpointStore;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real store with instruments: counts the reads that reach it, can fail them, can hold one read
 * after it has read (so a test can write while an old result is in flight), and can hold one save
 * after it has written (so a test can write while another write is in flight).
 */
final class InstrumentedStore extends ForwardingCheckpointStore {

    final AtomicInteger loads = new AtomicInteger();
    final AtomicInteger latests = new AtomicInteger();
    volatile boolean failReads;
    private final AtomicReference<Hold> hold = new AtomicReference<>();
    private final AtomicReference<Hold> saveHold = new AtomicReference<>();

    InstrumentedStore(CheckpointStore delegate) {
        super(delegate);
    }

    /** The next read of the store will have read, then wait until the returned hold is released. */
    Hold holdNextRead() {
        Hold h = new Hold();
        hold.set(h);
        return h;
    }

    /** The next save will have written, then wait until the returned hold is released. */
    Hold holdNextSave() {
        Hold h = new Hold();
        saveHold.set(h);
        return h;
    }

    int reads() {
        return loads.get() + latests.get();
    }

    @Override
    public Optional<Checkpoint> load(String checkpointId) {
        loads.incrementAndGet();
        failIfAsked();
        return held(super.load(checkpointId));
    }

    @Override
    public Optional<Checkpoint> latest(String executionId) {
        latests.incrementAndGet();
        failIfAsked();
        return held(super.latest(executionId));
    }

    @Override
    public Checkpoint save(Checkpoint checkpoint) {
        Checkpoint saved = super.save(checkpoint);
        Hold h = saveHold.getAndSet(null);
        if (h != null) {
            h.await();
        }
        return saved;
    }

    private void failIfAsked() {
        if (failReads) {
            throw new CheckpointStoreUnavailableException("the backend is down (on purpose, for a test)");
        }
    }

    private Optional<Checkpoint> held(Optional<Checkpoint> result) {
        Hold h = hold.getAndSet(null);
        if (h != null) {
            h.await();
        }
        return result;
    }

    static final class Hold {
        private final CountDownLatch read = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        /** Called by the held operation: signals that it has done its I/O and waits for release. */
        private void await() {
            read.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the held operation");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Waits until the held read (or save) has done its I/O. */
        void awaitRead() throws InterruptedException {
            if (!read.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the held operation never came");
            }
        }

        void release() {
            release.countDown();
        }
    }
}
