package io.checkpointkit.preloader;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fake time for the preloader: a {@link Ticker} that moves only in {@link #advance}, and a
 * {@link Scheduler} whose tasks run (on the executor they were scheduled with) when
 * {@link #advance} passes their due time, in due order, with the ticker at that time. Give it to
 * {@link PreloaderConfig.Builder#ticker} and {@link PreloaderConfig.Builder#scheduler}, with
 * {@code executor(Runnable::run)}, and every round and planned reload runs on the test's thread.
 */
final class FakeTime implements Ticker, Scheduler {

    private record Task(long dueNanos, long sequence, Executor executor, Runnable command,
            CompletableFuture<Void> future) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.sequence, b.sequence));
    private volatile long nanos = 1_000_000_000L;
    private long sequence;

    @Override
    public long read() {
        return nanos;
    }

    @Override
    public synchronized Future<?> schedule(Executor executor, Runnable command, long delay, TimeUnit unit) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        tasks.add(new Task(nanos + Math.max(0L, unit.toNanos(delay)), sequence++, executor, command, future));
        return future;
    }

    /** Moves time forward, running every task that comes due on the way, each at its due time. */
    void advance(Duration duration) {
        long target = nanos + duration.toNanos();
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueNanos > target) {
                    break;
                }
                tasks.poll();
                nanos = Math.max(nanos, next.dueNanos);
            }
            if (!next.future.isCancelled()) {
                next.executor.execute(next.command);
                next.future.complete(null);
            }
        }
        nanos = target;
    }
}
