package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.retention.RetentionPolicy;
import io.checkpointkit.retention.RetentionSweeper;
import io.checkpointkit.retention.SweepSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * The scale suite: how each operation's cost grows with the size of the store. For each backend
 * it fills one store to each size in turn (the fill adds to the previous size's data), by the
 * backend's fastest honest path ({@link ScaleBackend#fill}), checks a sample of what was written
 * through the store, and measures p50 and p99 of save, load, latest, a list of 50, trim of 50 to
 * 10, clear of an execution of 50 and one page of {@code executions()}, then the time of
 * {@link RetentionSweeper#sweepOnce()} over all executions with nothing to remove (the walk a
 * periodic sweep makes); after the last size, one sweep that trims every execution to 10.
 * Writes CSV, Markdown and PNG files per backend into the output directory.
 *
 * <p>Run it from the shaded jar; {@link ScaleOptions#USAGE} lists the options:
 * <pre>{@code
 * java -cp checkpoint-benchmarks/target/benchmarks.jar io.checkpointkit.benchmarks.scale.ScaleSuite \
 *      --backend sqlite --sizes 1000,100000,1000000 --out checkpoint-benchmarks/results/scale/
 * }</pre>
 */
public final class ScaleSuite {

    /** Checkpoints per execution of the trim and clear probes; a trim keeps {@value #KEPT}. */
    static final int PROBE = 50;
    static final int KEPT = 10;
    /** Checkpoints per call of a fill. */
    private static final int FILL_BATCH = 20_000;
    /** Sampled checkpoints and executions read back through the store after each fill. */
    private static final int VERIFIED = 200;

    private final ScaleOptions options;

    ScaleSuite(ScaleOptions options) {
        this.options = options;
    }

    /**
     * Runs the suite as the command line says; exits with status 2 on a bad command line.
     *
     * @param args see {@link ScaleOptions#USAGE}
     * @throws Exception if a backend fails; what it made is removed first
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        ScaleOptions options;
        try {
            options = ScaleOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(ScaleOptions.USAGE);
            return;
        }
        Files.createDirectories(options.out());
        if (options.plotOnly()) {
            ScaleCharts.redraw(options.out()).forEach(p -> System.out.println("wrote " + p));
            return;
        }
        ScaleSuite suite = new ScaleSuite(options);
        for (String backend : options.backends()) {
            suite.run(backend);
        }
    }

    /** Opens a backend by name, as {@code --backend} names it. */
    ScaleBackend open(String name) throws Exception {
        return switch (name) {
            case "memory" -> new MemoryScaleBackend();
            case "sqlite" -> new SqliteScaleBackend(options.dataDir(), false, options.sqliteCacheSize(),
                    options.sqliteMmapSize());
            case "sqlite-per-execution" -> new SqliteScaleBackend(options.dataDir(), true, options.sqliteCacheSize(),
                    options.sqliteMmapSize());
            case "postgres" -> new PostgresScaleBackend(System.getenv().getOrDefault("CHECKPOINT_TEST_POSTGRES_URL",
                    "postgresql://postgres@127.0.0.1:5432/test"));
            case "redis" -> new RedisScaleBackend(System.getenv().getOrDefault("CHECKPOINT_TEST_REDIS_URL",
                    "redis://127.0.0.1:6379"), options.fillThreads());
            default -> throw new IllegalArgumentException("unknown backend " + name);
        };
    }

    /** Runs every size on one backend and writes its files. */
    void run(String backendName) throws Exception {
        List<ScaleResults.Latency> latencies = new ArrayList<>();
        List<ScaleResults.SizeRow> sizes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<Long, Map<String, Long>> parts = new LinkedHashMap<>();
        String fillMethod;
        String bytesMethod;
        Instant started = Instant.now();
        try (ScaleBackend backend = open(backendName)) {
            fillMethod = backend.fillMethod();
            bytesMethod = backend.storedBytesMethod();
            ScaleWorkload workload = new ScaleWorkload(options.seed(), options.minPerExecution(),
                    options.maxPerExecution(), options.stateBytes());
            for (long size : options.sizes()) {
                if (backendName.equals("redis") && size > options.redisMaxSize()) {
                    notes.add("Redis stopped at " + workload.written() + " checkpoints: " + size
                            + " is above --redis-max-size " + options.redisMaxSize() + ".");
                    break;
                }
                log(backendName, "filling to " + size);
                double fillSeconds = fill(backend, workload, size);
                verify(backend.store(), workload);
                long stored = ScaleResults.SizeRow.orMinusOne(backend.storedBytes());
                long other = ScaleResults.SizeRow.orMinusOne(backend.otherBytes());
                parts.put(size, backend.bytesByPart());
                log(backendName, String.format("filled %d in %.1f s; measuring", size, fillSeconds));
                if (sizes.isEmpty()) {
                    // A first round, not recorded, so that the smallest size is not measured on a cold JIT.
                    measure(backend, workload, size);
                    sweepWalk(backend.store(), workload);
                }
                latencies.addAll(measure(backend, workload, size));
                double walk = sweepWalk(backend.store(), workload);
                sizes.add(new ScaleResults.SizeRow(backendName, size, workload.executionIds().size(), fillSeconds, walk,
                        -1, stored, workload.payloadBytes(), other));
                backend.afterMeasurements();
                // After every size, so that a run stopped later keeps what it measured.
                write(backendName, latencies, sizes, parts, notes, fillMethod, bytesMethod, started);
            }
            if (!sizes.isEmpty()) {
                ScaleResults.SizeRow last = sizes.remove(sizes.size() - 1);
                sizes.add(last.withSweepTrim(sweepTrim(backend.store(), workload)));
            }
        }
        write(backendName, latencies, sizes, parts, notes, fillMethod, bytesMethod, started);
    }

    /** Fills from the current size to {@code size}; returns the seconds the backend's fill took. */
    private double fill(ScaleBackend backend, ScaleWorkload workload, long size) throws Exception {
        long nanos = 0;
        while (workload.written() < size) {
            List<Checkpoint> batch = workload.nextExecutions(FILL_BATCH, size - workload.written());
            long t0 = System.nanoTime();
            backend.fill(batch);
            nanos += System.nanoTime() - t0;
        }
        long t0 = System.nanoTime();
        backend.afterFill();
        nanos += System.nanoTime() - t0;
        return nanos / 1e9;
    }

    /**
     * Reads a sample back through the store: every sampled checkpoint loads equal to what was
     * written (at version 1), and sampled executions list their full count, last one latest.
     *
     * @throws IllegalStateException naming the first checkpoint or execution that differs
     */
    static void verify(CheckpointStore store, ScaleWorkload workload) {
        SplittableRandom random = workload.random();
        List<Checkpoint> sample = workload.sample();
        for (int i = 0; i < Math.min(VERIFIED, sample.size()); i++) {
            Checkpoint expected = sample.get(random.nextInt(sample.size())).withVersion(1);
            Checkpoint actual = store.load(expected.id()).orElseThrow(() ->
                    new IllegalStateException("fill check: " + expected.id() + " does not load"));
            if (!actual.equals(expected)) {
                throw new IllegalStateException("fill check: " + expected.id() + " loads as " + actual
                        + ", written " + expected);
            }
        }
        List<String> executions = workload.executionIds();
        for (int i = 0; i < Math.min(VERIFIED, executions.size()); i++) {
            int e = random.nextInt(executions.size());
            List<Checkpoint> listed = store.list(executions.get(e));
            if (listed.size() != workload.count(e)) {
                throw new IllegalStateException("fill check: execution " + executions.get(e) + " lists "
                        + listed.size() + " checkpoints, written " + workload.count(e));
            }
            if (!store.latest(executions.get(e)).orElseThrow().equals(listed.get(listed.size() - 1))) {
                throw new IllegalStateException("fill check: latest of " + executions.get(e)
                        + " is not the last listed");
            }
        }
    }

    /** Measures every operation at the current size. Leaves the store as the fill left it. */
    private List<ScaleResults.Latency> measure(ScaleBackend backend, ScaleWorkload workload, long size)
            throws Exception {
        CheckpointStore store = backend.store();
        String name = backend.name();
        SplittableRandom random = workload.random();
        List<String> executions = workload.executionIds();
        List<Checkpoint> sample = workload.sample();
        List<String> listable = new ArrayList<>();
        for (int i = 0; i < executions.size(); i++) {
            if (workload.count(i) >= PROBE) {
                listable.add(executions.get(i));
            }
        }
        List<ScaleResults.Latency> out = new ArrayList<>();

        List<String> extraIds = new ArrayList<>();
        out.add(time(name, size, "save", i -> extraIds.add(
                store.save(workload.extraCheckpoint(executions.get(random.nextInt(executions.size())))).id())));
        extraIds.forEach(store::delete);

        out.add(time(name, size, "load", i -> store.load(sample.get(random.nextInt(sample.size())).id())));
        out.add(time(name, size, "latest", i -> store.latest(executions.get(random.nextInt(executions.size())))));
        if (!listable.isEmpty()) {
            CheckpointQuery newest50 = CheckpointQuery.builder().newestFirst(true).limit(PROBE).build();
            out.add(time(name, size, "list50", i -> store.list(listable.get(random.nextInt(listable.size())), newest50)));
        }
        // A cursor with a full page after it wherever the store has more than a page of executions.
        List<String> sorted = executions.stream().sorted().toList();
        int cursors = sorted.size() - options.pageSize();
        out.add(timeSlow(name, size, "executionsPage", i -> store.executions(
                cursors > 0 ? sorted.get(random.nextInt(cursors)) : null, options.pageSize())));

        int probes = options.slowSamples() + Math.min(options.warmup(), options.slowSamples());
        List<String> trimmed = probeExecutions(backend, workload, probes);
        out.add(timeSlow(name, size, "trim50to10", i -> store.trim(trimmed.get(i), KEPT)));
        trimmed.forEach(store::clear);
        List<String> cleared = probeExecutions(backend, workload, probes);
        out.add(timeSlow(name, size, "clear50", i -> store.clear(cleared.get(i))));
        backend.discardProbes();
        return out;
    }

    /** Fills {@code n} new executions of {@value #PROBE} (unmeasured); returns their ids. */
    private static List<String> probeExecutions(ScaleBackend backend, ScaleWorkload workload, int n) throws Exception {
        List<List<Checkpoint>> probes = workload.probeExecutions(n, PROBE);
        List<Checkpoint> all = new ArrayList<>(n * PROBE);
        probes.forEach(all::addAll);
        backend.fillProbes(all);
        return probes.stream().map(p -> p.get(0).executionId()).toList();
    }

    /** {@code --warmup} unmeasured calls, then {@code --samples} measured ones. */
    private ScaleResults.Latency time(String backend, long size, String operation, IntConsumer call) {
        return ScaleResults.Latency.of(backend, size, operation, record(options.warmup(), options.samples(), call));
    }

    /**
     * As {@link #time}, with {@code --slow-samples} calls (and as many warm-up calls at most), for
     * calls that are slow or use up a probe each.
     */
    private ScaleResults.Latency timeSlow(String backend, long size, String operation, IntConsumer call) {
        int warmup = Math.min(options.warmup(), options.slowSamples());
        return ScaleResults.Latency.of(backend, size, operation, record(warmup, options.slowSamples(), call));
    }

    /**
     * Makes {@code warmup} calls, then times {@code samples} calls; every call gets its own index,
     * the measured ones {@code 0..samples-1}, the warm-up ones from {@code samples} on.
     */
    private static long[] record(int warmup, int samples, IntConsumer call) {
        for (int i = 0; i < warmup; i++) {
            call.accept(samples + i);
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    /**
     * One {@code sweepOnce()} that keeps the latest {@code maxPerExecution}: it pages through
     * every execution and removes nothing. Checks it saw every execution.
     */
    private double sweepWalk(CheckpointStore store, ScaleWorkload workload) {
        long t0 = System.nanoTime();
        SweepSummary summary = RetentionSweeper.of(store, RetentionPolicy.keepLatest(options.maxPerExecution()))
                .sweepOnce();
        double millis = (System.nanoTime() - t0) / 1e6;
        if (summary.executionsScanned() != workload.executionIds().size() || summary.checkpointsRemoved() != 0
                || !summary.complete()) {
            throw new IllegalStateException("sweep check: " + summary + " over " + workload.executionIds().size()
                    + " executions");
        }
        return millis;
    }

    /** One {@code sweepOnce()} keeping the latest {@value #KEPT}: trims nearly every execution. */
    private static double sweepTrim(CheckpointStore store, ScaleWorkload workload) {
        long t0 = System.nanoTime();
        SweepSummary summary = RetentionSweeper.of(store, RetentionPolicy.keepLatest(KEPT)).sweepOnce();
        double millis = (System.nanoTime() - t0) / 1e6;
        if (summary.executionsScanned() != workload.executionIds().size() || !summary.complete()) {
            throw new IllegalStateException("sweep check: " + summary);
        }
        return millis;
    }

    private void write(String backend, List<ScaleResults.Latency> latencies, List<ScaleResults.SizeRow> sizes,
            Map<Long, Map<String, Long>> parts, List<String> notes, String fillMethod, String bytesMethod,
            Instant started) throws IOException {
        Path out = options.out();
        ScaleResults.writeLatencies(out.resolve(backend + "-latency.csv"), latencies);
        ScaleResults.writeSizes(out.resolve(backend + "-size.csv"), sizes);
        ScaleResults.writeParts(out.resolve(backend + "-bytes.csv"), backend, parts);
        ScaleCharts.draw(out, latencies);
        Path md = out.resolve(backend + ".md");
        Files.writeString(md, ScaleMarkdown.render(options, backend, latencies, sizes, parts, notes, fillMethod,
                bytesMethod, started, Instant.now()));
        log(backend, "wrote " + md);
    }

    private static void log(String backend, String message) {
        System.out.println(Instant.now() + " [" + backend + "] " + message);
    }
}
