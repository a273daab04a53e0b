package io.checkpointkit.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs workers that start together, and fails with their first error or when they hang. */
final class Concurrently {

    /** One worker's body; {@code worker} numbers the workers from 0. */
    @FunctionalInterface
    interface Worker {
        void run(int worker) throws Exception;
    }

    private Concurrently() {
    }

    /**
     * Starts {@code workers} threads at once (after all are ready, so they contend), waits for
     * them at most {@code timeout}, and rethrows the first failure with the others suppressed.
     *
     * @throws AssertionError if the workers do not all finish within {@code timeout}
     */
    static void run(int workers, Duration timeout, Worker body) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "tck-worker");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    body.run(worker);
                    return null;
                }));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            await(ready, deadline, timeout);
            start.countDown();
            Throwable failure = null;
            for (Future<?> future : futures) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    } else {
                        failure.addSuppressed(e.getCause());
                    }
                }
            }
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            if (failure instanceof Error) {
                throw (Error) failure;
            }
            if (failure != null) {
                throw new AssertionError("a worker failed: " + failure, failure);
            }
        } catch (TimeoutException e) {
            throw new AssertionError("the workers did not finish within " + timeout
                    + ": a store call hangs or deadlocks under concurrency", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the workers", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch, long deadline, Duration timeout)
            throws InterruptedException, TimeoutException {
        if (!latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("workers not ready within " + timeout);
        }
    }
}
