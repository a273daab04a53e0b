package io.checkpointkit.benchmarks;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStoreUnavailableException;
import io.checkpointkit.spi.StoreUri;
import io.checkpointkit.preloader.PreloaderConfig;
import io.checkpointkit.preloader.PreloaderStats;
import io.checkpointkit.preloader.PreloadingCheckpointStore;
import io.checkpointkit.redis.RedisCheckpointStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The preloader workload (issue 7), a plain {@code main} rather than JMH because it measures a
 * mix (hit rate, latency percentiles, backend reads) under one shared, time-shifting workload, not
 * the throughput of one operation.
 *
 * <p>10,000 executions in Redis, each with one checkpoint. Reader threads call {@code latest} at a
 * fixed total rate, choosing the execution by a Zipf distribution (exponent 1.0) over ranks whose
 * mapping to executions is reshuffled every few seconds (the hot set shifts); one save per ten
 * reads, to an execution chosen the same way, through the cache being measured. The same seeded
 * sequence runs against four read paths: no cache, Caffeine expire-after-write, Caffeine
 * refresh-after-write, and the preloader. Every variant gets a warm-up, then a measured window,
 * after a full GC. Fair by construction: the same expiry everywhere, the same write-through on
 * saves (a save updates the execution's cached latest when there is one, and caches nothing
 * otherwise: the preloader cannot know a checkpoint is its execution's latest without it), the
 * same number of background threads ({@code parallelism}) for refreshes and preloads. Latency
 * percentiles are exact (every read of the window, sorted). A read is a miss when it read the
 * backend on the reader's own thread; a warm miss is a miss of an execution read less than
 * {@code expireMillis} before (the misses refresh-ahead exists to prevent); the top-100 columns
 * cover reads of the 100 hottest ranks of the moment.
 *
 * <pre>
 * java -cp checkpoint-benchmarks/target/benchmarks.jar io.checkpointkit.benchmarks.PreloaderWorkload
 * </pre>
 * System properties (defaults in brackets): {@code executions} [10000], {@code rate} operations/s,
 * reads and saves [4000], {@code threads} [2], {@code warmupSeconds} [60], {@code seconds} [40],
 * {@code shiftSeconds} [5], {@code variants} [none,expire,refresh,preloader], {@code expireMillis}
 * [30000], {@code refreshMillis} [15000], {@code intervalMillis} [1000], {@code batchSize} [2000],
 * {@code maxTrackedKeys} [10000], {@code halfLifeMillis} [10000] (the preloader's
 * {@code decayPeriod} with {@code decayFactor} 0.5), {@code threshold} [0.5], {@code parallelism}
 * [2] (refresh and preload threads). The defaults are a service in its steady state: entries
 * live 30 s (the expiry of the design's example; the library default is 2 min), the warm-up of
 * two expiry periods has read every execution, and the preloader tracks as many keys as there are
 * executions. {@code -DexpireMillis=4000 -DrefreshMillis=2000 -DwarmupSeconds=8 -Dseconds=20
 * -DshiftSeconds=6 -DbatchSize=600 -DmaxTrackedKeys=2000 -DhalfLifeMillis=1000} is the harsher,
 * time-compressed setting of the first measurements. Keys live under a prefix unique to the run
 * and are cleared at the end. The Redis server: {@code CHECKPOINT_TEST_REDIS_URL}, else
 * redis://127.0.0.1:6379/0 (no Testcontainers here: a benchmark measures the server it is given).
 *
 * <p>Workload 2, pause-and-return (issue 17), runs first in the same run:
 * {@link PreloaderWorkloadPauseAndReturn}, on fake time. {@code workloads} [1,2] picks them;
 * {@code unreadExpiryFactor} [the library default] is the preloader's in both;
 * {@code pauseDecayFactor} [0.9] and {@code pauseDecayPeriodMillis} [3600000] are workload 2's
 * time decay (the library defaults), in place of workload 1's half-life.
 */
public final class PreloaderWorkload {

    /** Unique per run, so that two runs (or anyone else) never share keys; cleared at the end. */
    private static final String PREFIX = "ckpt-bench-preloader-" + ProcessHandle.current().pid();
    /** Reads of the ranks below this count as reads of the hottest keys. */
    private static final int TOP_RANKS = 100;

    private final int executions = Integer.getInteger("executions", 10_000);
    private final int rate = Integer.getInteger("rate", 4_000);
    private final int threads = Integer.getInteger("threads", 2);
    private final Duration warmup = Duration.ofSeconds(Integer.getInteger("warmupSeconds", 60));
    private final Duration measured = Duration.ofSeconds(Integer.getInteger("seconds", 40));
    private final Duration shift = Duration.ofSeconds(Integer.getInteger("shiftSeconds", 5));
    private final Duration expire = Duration.ofMillis(Integer.getInteger("expireMillis", 30_000));
    private final Duration refresh = Duration.ofMillis(Integer.getInteger("refreshMillis", 15_000));
    private final Duration interval = Duration.ofMillis(Integer.getInteger("intervalMillis", 1_000));
    private final int batchSize = Integer.getInteger("batchSize", 2_000);
    private final int maxTrackedKeys = Integer.getInteger("maxTrackedKeys", 10_000);
    private final long halfLifeMillis = Integer.getInteger("halfLifeMillis", 10_000);
    private final double threshold = Double.parseDouble(System.getProperty("threshold", "0.5"));
    private final int parallelism = Integer.getInteger("parallelism", 2);

    private final String[] executionIds;
    private final double[] zipfCdf;
    private final int[][] permutations;

    private PreloaderWorkload() {
        executionIds = new String[executions];
        for (int i = 0; i < executions; i++) {
            executionIds[i] = String.format(Locale.ROOT, "bench-exec-%05d", i);
        }
        zipfCdf = new double[executions];
        double sum = 0;
        for (int rank = 1; rank <= executions; rank++) {
            sum += 1.0 / rank;
            zipfCdf[rank - 1] = sum;
        }
        for (int i = 0; i < executions; i++) {
            zipfCdf[i] /= sum;
        }
        int phases = (int) ((warmup.toMillis() + measured.toMillis()) / shift.toMillis()) + 2;
        permutations = new int[phases][];
        SplittableRandom random = new SplittableRandom(7);
        for (int p = 0; p < phases; p++) {
            int[] perm = new int[executions];
            for (int i = 0; i < executions; i++) {
                perm[i] = i;
            }
            for (int i = executions - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            permutations[p] = perm;
        }
    }

    public static void main(String[] args) throws Exception {
        new PreloaderWorkload().run();
    }

    private void run() throws Exception {
        String url = Optional.ofNullable(System.getenv("CHECKPOINT_TEST_REDIS_URL")).orElse("redis://127.0.0.1:6379/0");
        CheckpointStore redis;
        try {
            redis = RedisCheckpointStore.builder(url).prefix(PREFIX).build();
        } catch (CheckpointStoreUnavailableException e) {
            throw new IllegalStateException("no Redis at " + StoreUri.redact(url) + ": start one on 127.0.0.1:6379 or"
                    + " set CHECKPOINT_TEST_REDIS_URL", e);
        }
        try (redis) {
            ReadCountingStore backend = new ReadCountingStore(redis);
            List<String> variants = List.of(System.getProperty("variants", "none,expire,refresh,preloader").split(","));
            List<String> workloads = List.of(System.getProperty("workloads", "1,2").split(","));
            if (workloads.contains("2")) {
                // Fake time: the same numbers on every run but the latencies; about a minute.
                PreloaderWorkloadPauseAndReturn pauses = new PreloaderWorkloadPauseAndReturn(expire, refresh,
                        pauseAndReturnConfig());
                pauses.run(backend, variants);
                for (String id : pauses.sessionIds()) {
                    backend.clear(id);
                }
            }
            if (!workloads.contains("1")) {
                return;
            }
            seed(backend);
            List<Result> results = new ArrayList<>();
            if (variants.contains("none")) {
                results.add(measure(new NoCache(backend), backend));
            }
            if (variants.contains("expire")) {
                results.add(measure(new CaffeineVariant("Caffeine expire-after-write", backend, false), backend));
            }
            if (variants.contains("refresh")) {
                results.add(measure(new CaffeineVariant("Caffeine refresh-after-write", backend, true), backend));
            }
            if (variants.contains("preloader")) {
                // The counting store's close leaves the shared backend open.
                results.add(measure(new PreloaderVariant(PreloadingCheckpointStore.wrap(backend, steadyStateConfig())),
                        backend));
            }
            printTable(results);
            for (String id : executionIds) {
                backend.clear(id);
            }
        }
    }

    /**
     * The preloader of workload 1: the score halves per idle {@code halfLifeMillis}; each value
     * that expires unread multiplies it by {@code unreadExpiryFactor} [the library default].
     */
    private PreloaderConfig steadyStateConfig() {
        // The workload compresses time: hot sets shift in seconds, not hours, so the score
        // halves every halfLifeMillis of idleness instead of decaying by 0.9 per hour.
        return PreloaderConfig.builder().maximumSize(executions).expireAfterWrite(expire)
                .interval(interval).batchSize(batchSize).maxTrackedKeys(maxTrackedKeys)
                .decayFactor(0.5).decayPeriod(Duration.ofMillis(halfLifeMillis))
                .threshold(threshold).parallelism(parallelism)
                .unreadExpiryFactor(Double.parseDouble(System.getProperty("unreadExpiryFactor",
                        String.valueOf(PreloaderConfig.DEFAULT_UNREAD_EXPIRY_FACTOR))))
                .build();
    }

    /**
     * The preloader of workload 2: that of workload 1 with the score's time decay of the library
     * ({@code pauseDecayFactor} [0.9] per {@code pauseDecayPeriodMillis} [3600000]): sessions that
     * pause for minutes, not a hot set that moves every few seconds. The unread-expiry rule is at
     * its default in both.
     */
    private PreloaderConfig pauseAndReturnConfig() {
        return steadyStateConfig().toBuilder()
                .decayFactor(Double.parseDouble(System.getProperty("pauseDecayFactor",
                        String.valueOf(PreloaderConfig.DEFAULT_DECAY_FACTOR))))
                .decayPeriod(Duration.ofMillis(Long.getLong("pauseDecayPeriodMillis",
                        PreloaderConfig.DEFAULT_DECAY_PERIOD.toMillis())))
                .build();
    }

    private void seed(CheckpointStore store) {
        for (String id : executionIds) {
            store.clear(id);
            store.save(checkpoint(id));
        }
    }

    static Checkpoint checkpoint(String executionId) {
        byte[] state = new byte[512];
        Arrays.fill(state, (byte) 'x');
        return Checkpoint.builder(executionId).nodeName("step").state(state).build();
    }

    private Result measure(Variant variant, ReadCountingStore backend) throws Exception {
        // The garbage of the previous variant must not be collected during this one's window.
        System.gc();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
        AtomicLongArray lastRead = new AtomicLongArray(executions);
        try (variant) {
            long start = System.nanoTime();
            long measureFrom = start + warmup.toNanos();
            long end = measureFrom + measured.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicLong readsAtStart = new AtomicLong(-1);
            long[] hitsAtStart = new long[2];
            List<Future<Reads>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> drive(variant, backend, lastRead, thread, start, measureFrom, end)));
            }
            // Snapshot the counters when the measured window opens.
            LockSupport.parkNanos(Math.max(0, measureFrom - System.nanoTime()));
            readsAtStart.set(backend.reads());
            long[] snapshot = variant.hitsAndReads();
            hitsAtStart[0] = snapshot[0];
            hitsAtStart[1] = snapshot[1];
            List<Reads> perThread = new ArrayList<>();
            for (Future<Reads> worker : workers) {
                perThread.add(worker.get());
            }
            pool.shutdown();
            long backendReads = backend.reads() - readsAtStart.get();
            long[] after = variant.hitsAndReads();
            long reads = after[1] - hitsAtStart[1];
            double hitRate = reads == 0 ? 0 : (double) (after[0] - hitsAtStart[0]) / reads;
            Reads all = Reads.merge(perThread);
            long[] latencies = all.latencies();
            long[] topLatencies = all.topLatencies();
            Arrays.sort(latencies);
            Arrays.sort(topLatencies);
            return new Result(variant.name(), latencies.length, hitRate, percentile(latencies, 0.50),
                    percentile(latencies, 0.99), percentile(latencies, 0.999), topLatencies.length,
                    all.topMisses, percentile(topLatencies, 0.99), all.warmMisses, all.topWarmMisses, all.misses, backendReads,
                    variant.note());
        }
    }

    /**
     * One reader thread: paced reads and saves; returns the reads in the window. A read is a miss
     * when it read the backend on this thread (refreshes and preloads run on other threads); a
     * warm miss is a miss of an execution read (by any thread) less than {@code expireMillis}
     * before: the kind refresh-ahead exists to prevent.
     */
    private Reads drive(Variant variant, ReadCountingStore backend, AtomicLongArray lastRead, int thread, long start,
            long measureFrom, long end) {
        SplittableRandom random = new SplittableRandom(1_000 + thread);
        long period = TimeUnit.SECONDS.toNanos(1) * threads / rate;
        Reads reads = new Reads((int) ((end - measureFrom) / period) + 16);
        long next = start + thread * (period / threads);
        for (long op = 0; ; op++) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (next > now) {
                LockSupport.parkNanos(next - now);
            }
            next += period;
            long t0 = System.nanoTime();
            int rank = rank(random);
            int execution = execution(rank, t0 - start);
            String executionId = executionIds[execution];
            if (op % 11 == 10) {
                variant.save(checkpoint(executionId));
                continue;
            }
            long backendReadsBefore = backend.readsOnThisThread();
            variant.latest(executionId);
            long took = System.nanoTime() - t0;
            boolean miss = backend.readsOnThisThread() != backendReadsBefore;
            long previousRead = lastRead.getAndSet(execution, t0);
            if (t0 >= measureFrom) {
                boolean warm = previousRead != 0 && t0 - previousRead < expire.toNanos();
                reads.add(took, rank < TOP_RANKS, miss, miss && warm);
            }
        }
        return reads;
    }

    private int rank(SplittableRandom random) {
        int rank = Arrays.binarySearch(zipfCdf, random.nextDouble());
        return rank >= 0 ? rank : Math.min(-rank - 1, executions - 1);
    }

    private int execution(int rank, long elapsedNanos) {
        int phase = (int) Math.min(permutations.length - 1, elapsedNanos / shift.toNanos());
        return permutations[phase][rank];
    }

    /** The reads of one thread (or all, merged) in the measured window. */
    private static final class Reads {
        private long[] latencies;
        private int size;
        private long[] top;
        private int topSize;
        long misses;
        long topMisses;
        long warmMisses;
        long topWarmMisses;

        Reads(int capacity) {
            latencies = new long[capacity];
            top = new long[capacity];
        }

        void add(long latency, boolean topRank, boolean miss, boolean warmMiss) {
            if (size == latencies.length) {
                latencies = Arrays.copyOf(latencies, size * 2);
                top = Arrays.copyOf(top, size * 2);
            }
            latencies[size++] = latency;
            if (topRank) {
                top[topSize++] = latency;
            }
            misses += miss ? 1 : 0;
            topMisses += miss && topRank ? 1 : 0;
            warmMisses += warmMiss ? 1 : 0;
            topWarmMisses += warmMiss && topRank ? 1 : 0;
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, size);
        }

        long[] topLatencies() {
            return Arrays.copyOf(top, topSize);
        }

        static Reads merge(List<Reads> parts) {
            Reads all = new Reads(16);
            for (Reads part : parts) {
                all.latencies = concat(all.latencies, all.size, part.latencies, part.size);
                all.size += part.size;
                all.top = concat(all.top, all.topSize, part.top, part.topSize);
                all.topSize += part.topSize;
                all.misses += part.misses;
                all.topMisses += part.topMisses;
                all.warmMisses += part.warmMisses;
                all.topWarmMisses += part.topWarmMisses;
            }
            return all;
        }

        private static long[] concat(long[] a, int aSize, long[] b, int bSize) {
            long[] c = Arrays.copyOf(a, aSize + bSize);
            System.arraycopy(b, 0, c, aSize, bSize);
            return c;
        }
    }

    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private void printTable(List<Result> results) {
        System.out.printf(Locale.ROOT, "%n%d executions, Zipf 1.0, hot set reshuffled every %d s, %d operations/s on %d"
                        + " threads, one save per ten reads; warm-up %d s, measured %d s per variant; expireAfterWrite %d ms"
                        + " everywhere, refreshAfterWrite %d ms, preloader interval %d ms, batch %d, %d tracked keys,"
                        + " score half-life %d ms, threshold %.1f%n%n",
                executions, shift.toSeconds(), rate, threads, warmup.toSeconds(), measured.toSeconds(), expire.toMillis(),
                refresh.toMillis(), interval.toMillis(), batchSize, maxTrackedKeys, halfLifeMillis, threshold);
        System.out.println("| read path | reads | hit rate | warm misses (top-" + TOP_RANKS + ") | top-" + TOP_RANKS
                + " miss rate | p50 µs | p99 µs"
                + " | p99.9 µs | top-" + TOP_RANKS + " p99 µs | backend reads | backend reads / 1000 reads | notes |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %.1f %% | %d (%d) | %.2f %% | %.1f | %.1f | %.1f | %.1f | %d | %.0f | %s |%n",
                    r.name, r.reads, r.hitRate * 100, r.warmMisses, r.topWarmMisses, r.topReads == 0 ? 0.0 : r.topMisses * 100.0 / r.topReads,
                    r.p50 / 1000.0, r.p99 / 1000.0, r.p999 / 1000.0, r.topP99 / 1000.0, r.backendReads,
                    r.reads == 0 ? 0.0 : r.backendReads * 1000.0 / r.reads, r.note);
        }
        System.out.println();
        System.out.println("warm misses: misses of an execution read less than expireMillis before (what refresh-ahead"
                + " prevents); top-" + TOP_RANKS + ": reads of the " + TOP_RANKS + " hottest ranks of the moment.");
    }

    private record Result(String name, long reads, double hitRate, long p50, long p99, long p999, long topReads,
            long topMisses, long topP99, long warmMisses, long topWarmMisses, long misses, long backendReads, String note) {
    }

    /** A read path of workload 1: named, and counting its own cache hits. */
    private interface Variant extends ReadPath {
        String name();

        /** Cache hits and reads so far. */
        long[] hitsAndReads();
    }

    private static final class NoCache extends StoreReadPath implements Variant {
        private final AtomicLong reads = new AtomicLong();

        NoCache(CheckpointStore backend) {
            super(backend);
        }

        @Override
        public String name() {
            return "no cache (Redis)";
        }

        @Override
        public Optional<Checkpoint> latest(String executionId) {
            reads.incrementAndGet();
            return super.latest(executionId);
        }

        @Override
        public long[] hitsAndReads() {
            return new long[] {0, reads.get()};
        }
    }

    /** Caffeine on real time, refreshing on a pool of its own when {@code refreshing}. */
    private final class CaffeineVariant extends CaffeineReadPath implements Variant {
        private final String name;
        private final ExecutorService refreshPool;

        CaffeineVariant(String name, CheckpointStore backend, boolean refreshing) {
            this(name, backend, refreshing, Executors.newFixedThreadPool(parallelism));
        }

        private CaffeineVariant(String name, CheckpointStore backend, boolean refreshing, ExecutorService refreshPool) {
            super(backend, settings(executions, expire, refreshing ? refresh : null, refreshPool).recordStats());
            this.name = name;
            this.refreshPool = refreshPool;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long[] hitsAndReads() {
            CacheStats stats = cache.stats();
            return new long[] {stats.hitCount(), stats.requestCount()};
        }

        @Override
        public void close() {
            refreshPool.shutdownNow();
            super.close();
        }
    }

    private final class PreloaderVariant extends StoreReadPath implements Variant {
        private final PreloadingCheckpointStore store;
        private final PreloaderStats[] last = new PreloaderStats[1];

        PreloaderVariant(PreloadingCheckpointStore store) {
            super(store);
            this.store = store;
        }

        @Override
        public String name() {
            return "PreloadingCheckpointStore";
        }

        @Override
        public long[] hitsAndReads() {
            PreloaderStats stats = store.stats();
            last[0] = stats;
            return new long[] {Math.round(stats.cacheHitRate() * stats.accesses()), stats.accesses()};
        }

        @Override
        public String note() {
            PreloaderStats s = last[0];
            return s == null ? "" : String.format(Locale.ROOT, "%d preloads (%d failed), preload hits %d,"
                    + " %.0f %% of preloads read", s.preloads(), s.preloadFailures(), s.preloadHits(),
                    s.preloadHitRate() * 100);
        }
    }

}
