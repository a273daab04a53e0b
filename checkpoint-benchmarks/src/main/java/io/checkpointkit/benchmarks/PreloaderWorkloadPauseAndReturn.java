package io.checkpointkit.benchmarks;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.preloader.PreloaderConfig;
import io.checkpointkit.preloader.PreloaderStats;
import io.checkpointkit.preloader.PreloadingCheckpointStore;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Workload 2 of {@link PreloaderWorkload} (issue 17), pause-and-return: agent sessions read in
 * bursts, pause (a model call, a human approval, a user away) and come back.
 *
 * <p>{@code sessions} sessions [2000], each with one checkpoint in the same Redis store as workload
 * 1. A session starts at a random time in the first {@code startSpreadSeconds} [300], reads its
 * {@code latest} in a burst of 10–50 reads, one every 0.5–2.5 s, then pauses for 1×–5×
 * {@code expireMillis} (uniform) and returns for another burst; after each burst it never returns
 * with probability {@code leaveProbability} [0.2]. One save per ten reads of a session, through the
 * cache under test (write-through, as in workload 1). The run lasts {@code simulatedMinutes} [30]
 * of simulated time.
 *
 * <p><b>Fake time.</b> Every read path runs on one thread against a fake {@link Ticker}: Caffeine's
 * ticker, the preloader's ticker and scheduler. Background work (Caffeine's refreshes, the
 * preloader's rounds and loads) goes to an executor that queues it and runs it between two reads,
 * never inside one: a read's latency is its own (a hit, or a Redis round trip on a miss). So the
 * hit rates and backend reads are exact and the same on every run (the same seeded sequence for
 * every path); only the latencies depend on the machine. A read is a miss when it read the backend
 * itself; the first read after a pause is the first read of every burst but a session's first.
 */
final class PreloaderWorkloadPauseAndReturn {

    private final int sessions = Integer.getInteger("sessions", 2_000);
    private final int startSpreadSeconds = Integer.getInteger("startSpreadSeconds", 300);
    private final double leaveProbability = Double.parseDouble(System.getProperty("leaveProbability", "0.2"));
    private final Duration simulated = Duration.ofMinutes(Integer.getInteger("simulatedMinutes", 30));
    private final Duration expire;
    private final Duration refresh;
    private final PreloaderConfig preloaderConfig;
    private final String[] sessionIds;

    /**
     * @param expire {@code expireAfterWrite} of every cache (and the unit of the pauses)
     * @param refresh Caffeine's {@code refreshAfterWrite}
     * @param preloaderConfig the preloader's settings; the ticker, scheduler and executor are
     *     replaced by this workload's fake time
     */
    PreloaderWorkloadPauseAndReturn(Duration expire, Duration refresh, PreloaderConfig preloaderConfig) {
        this.expire = expire;
        this.refresh = refresh;
        this.preloaderConfig = preloaderConfig;
        this.sessionIds = new String[sessions];
        for (int i = 0; i < sessions; i++) {
            sessionIds[i] = String.format(Locale.ROOT, "bench-session-%05d", i);
        }
    }

    String[] sessionIds() {
        return sessionIds;
    }

    /** Runs the read paths named in {@code variants} one after the other and prints the table. */
    void run(CheckpointStore backend, List<String> variants) {
        for (String id : sessionIds) {
            backend.clear(id);
            backend.save(PreloaderWorkload.checkpoint(id));
        }
        List<Result> results = new ArrayList<>();
        if (variants.contains("none")) {
            results.add(measure("no cache (Redis)", backend, (store, time, executor) -> new StoreReadPath(store)));
        }
        if (variants.contains("expire")) {
            results.add(measure("Caffeine expire-after-write", backend,
                    (store, time, executor) -> caffeine(store, time, executor, null)));
        }
        if (variants.contains("refresh")) {
            results.add(measure("Caffeine refresh-after-write", backend,
                    (store, time, executor) -> caffeine(store, time, executor, refresh)));
        }
        if (variants.contains("preloader")) {
            results.add(measure("PreloadingCheckpointStore", backend, (store, time, executor) -> new PreloaderPath(
                    PreloadingCheckpointStore.wrap(store,
                            preloaderConfig.toBuilder().ticker(time).scheduler(time).executor(executor).build()))));
        }
        print(results);
    }

    /** Caffeine on fake time, write-through on saves as in workload 1. */
    private ReadPath caffeine(CheckpointStore backend, FakeTime time, Executor executor, Duration refreshAfterWrite) {
        return new CaffeineReadPath(backend,
                CaffeineReadPath.settings(sessions, expire, refreshAfterWrite, executor).ticker(time));
    }

    private interface PathFactory {
        ReadPath open(CheckpointStore backend, FakeTime time, QueuedExecutor executor);
    }

    private record Event(long atNanos, int session, long sequence) {
    }

    private Result measure(String name, CheckpointStore backend, PathFactory factory) {
        System.gc();
        ReadCountingStore counting = new ReadCountingStore(backend);
        FakeTime time = new FakeTime();
        QueuedExecutor executor = new QueuedExecutor();
        SplittableRandom random = new SplittableRandom(17);
        long expireNanos = expire.toNanos();
        long end = simulated.toNanos();
        int[] readsLeft = new int[sessions];
        int[] readsDone = new int[sessions];
        boolean[] returning = new boolean[sessions];
        PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
                ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.sequence, b.sequence));
        long sequence = 0;
        for (int s = 0; s < sessions; s++) {
            readsLeft[s] = random.nextInt(10, 51);
            events.add(new Event(random.nextLong(TimeUnit.SECONDS.toNanos(startSpreadSeconds)), s, sequence++));
        }
        long[] latencies = new long[1 << 16];
        int reads = 0;
        long misses = 0;
        long returns = 0;
        long returnHits = 0;
        try (ReadPath path = factory.open(counting, time, executor)) {
            while (!events.isEmpty()) {
                Event event = events.poll();
                if (event.atNanos > end) {
                    break;
                }
                time.advanceTo(event.atNanos, executor);
                int s = event.session;
                long before = counting.reads();
                long t0 = System.nanoTime();
                path.latest(sessionIds[s]);
                long took = System.nanoTime() - t0;
                boolean miss = counting.reads() != before;
                executor.runAll(); // background work, between reads
                if (reads == latencies.length) {
                    latencies = Arrays.copyOf(latencies, reads * 2);
                }
                latencies[reads++] = took;
                misses += miss ? 1 : 0;
                if (returning[s]) {
                    returns++;
                    returnHits += miss ? 0 : 1;
                    returning[s] = false;
                }
                if (++readsDone[s] % 10 == 0) {
                    path.save(PreloaderWorkload.checkpoint(sessionIds[s]));
                    executor.runAll();
                }
                long next;
                if (--readsLeft[s] > 0) {
                    next = event.atNanos + random.nextLong(TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.MILLISECONDS.toNanos(2_500));
                } else if (random.nextDouble() < leaveProbability) {
                    continue; // never returns
                } else {
                    readsLeft[s] = random.nextInt(10, 51);
                    returning[s] = true;
                    next = event.atNanos + random.nextLong(expireNanos, 5 * expireNanos + 1);
                }
                events.add(new Event(next, s, sequence++));
            }
            long[] sorted = Arrays.copyOf(latencies, reads);
            Arrays.sort(sorted);
            return new Result(name, reads, reads == 0 ? 0 : 1.0 - (double) misses / reads, returns,
                    returns == 0 ? 0 : (double) returnHits / returns, PreloaderWorkload.percentile(sorted, 0.50),
                    PreloaderWorkload.percentile(sorted, 0.99), PreloaderWorkload.percentile(sorted, 0.999),
                    counting.reads(), path.note());
        }
    }

    private record Result(String name, long reads, double hitRate, long returns, double returnHitRate, long p50,
            long p99, long p999, long backendReads, String note) {
    }

    private void print(List<Result> results) {
        System.out.printf(Locale.ROOT, "%nWorkload 2, pause-and-return: %d sessions starting within %d s, bursts of 10-50"
                        + " reads (one every 0.5-2.5 s), pauses of 1-5 x expireAfterWrite, %.0f %% never return after a burst,"
                        + " one save per ten reads; %d simulated minutes on fake time; expireAfterWrite %d ms everywhere,"
                        + " refreshAfterWrite %d ms; preloader %s%n%n",
                sessions, startSpreadSeconds, leaveProbability * 100, simulated.toMinutes(), expire.toMillis(),
                refresh.toMillis(), preloaderConfig);
        System.out.println("| read path | reads | hit rate | returns | first read after pause: hit rate | p50 µs | p99 µs"
                + " | p99.9 µs | backend reads | backend reads / 1000 reads | notes |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f %% | %d | %.1f %% | %.1f | %.1f | %.1f | %d | %.0f | %s |%n",
                    r.name, r.reads, r.hitRate * 100, r.returns, r.returnHitRate * 100, r.p50 / 1000.0, r.p99 / 1000.0,
                    r.p999 / 1000.0, r.backendReads, r.reads == 0 ? 0.0 : r.backendReads * 1000.0 / r.reads, r.note);
        }
        System.out.println();
    }

    /** A ticker that moves only when the workload moves it, and a scheduler on that ticker. */
    private static final class FakeTime implements Ticker, Scheduler {
        private record Task(long dueNanos, long sequence, Executor executor, Runnable command,
                CompletableFuture<Void> future) {
        }

        private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
                ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.sequence, b.sequence));
        private long nanos;
        private long sequence;

        @Override
        public long read() {
            return nanos;
        }

        @Override
        public Future<?> schedule(Executor executor, Runnable command, long delay, TimeUnit unit) {
            CompletableFuture<Void> future = new CompletableFuture<>();
            tasks.add(new Task(nanos + Math.max(0L, unit.toNanos(delay)), sequence++, executor, command, future));
            return future;
        }

        /** Moves to {@code target}, running each task due on the way at its own time. */
        void advanceTo(long target, QueuedExecutor executor) {
            while (!tasks.isEmpty() && tasks.peek().dueNanos <= target) {
                Task task = tasks.poll();
                nanos = Math.max(nanos, task.dueNanos);
                if (!task.future.isCancelled()) {
                    task.executor.execute(task.command);
                    task.future.complete(null);
                }
                executor.runAll();
            }
            nanos = Math.max(nanos, target);
        }
    }

    /** Queues tasks; the workload runs them between reads. */
    private static final class QueuedExecutor implements Executor {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable command) {
            queue.add(command);
        }

        void runAll() {
            Runnable next;
            while ((next = queue.poll()) != null) {
                next.run();
            }
        }
    }

    private static final class PreloaderPath extends StoreReadPath {
        private final PreloadingCheckpointStore store;

        PreloaderPath(PreloadingCheckpointStore store) {
            super(store);
            this.store = store;
        }

        @Override
        public String note() {
            PreloaderStats s = store.stats();
            return String.format(Locale.ROOT, "%d preloads (%d failed), %.0f %% of preloads read", s.preloads(),
                    s.preloadFailures(), s.preloadHitRate() * 100);
        }
    }
}
