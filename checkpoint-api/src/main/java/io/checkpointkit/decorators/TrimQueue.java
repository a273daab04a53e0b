package io.checkpointkit.decorators;

import io.checkpointkit.CheckpointStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The background half of auto-trim: a bounded, deduplicated queue of executions to trim and a
 * worker that trims them one at a time on an executor.
 *
 * <p>At most one drain task is submitted at a time ({@code draining}); it runs until the queue
 * is empty, then re-checks once so that a request racing with its exit is not stranded.
 *
 * <p>On the decorator's own thread the drain lingers: when the queue runs empty it parks for
 * {@link #LINGER_NANOS} and drains again before it goes idle. Saves that queue work meanwhile see
 * {@code draining} set and do not wake it, so a steady stream of saves wakes the worker about
 * a hundred times a second, each time for a batch, instead of once per request; waking a thread
 * costs the saving thread a system call and, on a busy machine, its time slice.
 *
 * <p>The worker yields the CPU after every trim, so that a saver it meets overtakes it instead of
 * following it in lockstep from one execution's lock to the next (see the comment in drain).
 */
final class TrimQueue {

    private static final Logger LOG = LoggerFactory.getLogger(AutoTrimmingCheckpointStore.class);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final CheckpointStore store;
    private final int keepLatest;
    private final int capacity;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final long lingerNanos;

    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Object idle = new Object();
    private volatile boolean accepting = true;

    private final LongAdder trimsRun = new LongAdder();
    private final LongAdder checkpointsRemoved = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    TrimQueue(CheckpointStore store, AutoTrimConfig config) {
        this.store = store;
        this.keepLatest = config.keepLatest();
        this.capacity = config.queueCapacity();
        if (config.executor().isPresent()) {
            this.executor = config.executor().get();
            this.ownedExecutor = null;
            this.lingerNanos = 0; // never hold a thread of the user's executor idle
        } else {
            this.ownedExecutor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "checkpoint-auto-trim-" + THREAD_NUMBER.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            this.executor = ownedExecutor;
            this.lingerNanos = LINGER_NANOS;
        }
    }

    /** Queues a trim of the execution unless one is queued already; never blocks, never throws. */
    void request(String executionId) {
        if (!accepting || !queued.add(executionId)) {
            return;
        }
        if (depth.incrementAndGet() > capacity) {
            depth.decrementAndGet();
            queued.remove(executionId);
            dropped.increment();
            return;
        }
        queue.offer(executionId);
        scheduleDrain();
    }

    AutoTrimStats stats() {
        return new AutoTrimStats(trimsRun.sum(), checkpointsRemoved.sum(), failures.sum(), dropped.sum(),
                Math.max(0, depth.get()));
    }

    /** Stops accepting requests, drains or drops the queue, and waits for the worker. */
    void close(AutoTrimConfig.OnClose onClose, Duration timeout) {
        accepting = false;
        if (onClose == AutoTrimConfig.OnClose.DROP) {
            dropQueued();
        }
        boolean finished;
        try {
            finished = awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            LOG.warn("Auto-trim did not finish within {} on close; {} queued trims are dropped", timeout, depth.get());
            dropQueued();
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    private void dropQueued() {
        String executionId;
        while ((executionId = queue.poll()) != null) {
            queued.remove(executionId);
            depth.decrementAndGet();
            dropped.increment();
        }
    }

    private void scheduleDrain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            draining.set(false);
            signalIdle();
            if (accepting) {
                LOG.warn("Auto-trim executor rejected the trim task; queued trims wait for the next request", e);
            } else {
                dropQueued(); // a request that raced with close(): the executor is gone
            }
        }
    }

    private void drain() {
        try {
            boolean lingered = false;
            while (true) {
                String executionId = queue.poll();
                if (executionId == null && lingerNanos > 0 && !lingered && accepting) {
                    LockSupport.parkNanos(this, lingerNanos);
                    lingered = true;
                    continue;
                }
                if (executionId == null) {
                    draining.set(false);
                    signalIdle();
                    // A request may have queued after the poll but seen draining still set.
                    if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                lingered = false;
                queued.remove(executionId);
                depth.decrementAndGet();
                trim(executionId);
                // Give way after each trim. Requests arrive in the order savers write, so the worker
                // trims the executions the savers are about to write next; without a pause it grabs
                // each one just ahead of the saver and they move in lockstep, every save parked
                // behind a trim (measured: a 3x p99 with two cores, see the README). The pause also
                // hands the CPU to saving threads on a machine with few cores.
                Thread.yield();
            }
        } catch (Throwable fatal) {
            draining.set(false);
            signalIdle();
            throw fatal;
        }
    }

    private void trim(String executionId) {
        try {
            int removed = store.trim(executionId, keepLatest);
            trimsRun.increment();
            checkpointsRemoved.add(removed);
            if (failing.compareAndSet(true, false)) {
                LOG.info("Auto-trim works again (execution {})", executionId);
            }
        } catch (RuntimeException e) {
            failures.increment();
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Auto-trim of execution {} failed; further failures are counted, not logged, "
                        + "until a trim succeeds", executionId, e);
            }
        }
    }

    private boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (draining.get() || !queue.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    private void signalIdle() {
        synchronized (idle) {
            idle.notifyAll();
        }
    }
}
