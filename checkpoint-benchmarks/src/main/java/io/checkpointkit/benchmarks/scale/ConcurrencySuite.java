package io.checkpointkit.benchmarks.scale;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link ConcurrencyBenchmark} for each backend at each thread count, store and raw side
 * by side, and writes {@code concurrency-<time>.csv} and {@code .md} with the throughput,
 * p50/p99 latency and the ratio store ÷ raw of {@code save} and {@code latest}, and at the end
 * the charts of throughput against threads ({@link ConcurrencyCharts}).
 *
 * <pre>
 * java -cp checkpoint-benchmarks/target/benchmarks.jar io.checkpointkit.benchmarks.scale.ConcurrencySuite \
 *      [JMH options, e.g. -f 1 -wi 2 -w 2s -i 3 -r 3s]
 * </pre>
 *
 * System properties, with their defaults: {@code backends} ({@code postgres,redis,sqlite}),
 * {@code threads} ({@code 1,8,32}), {@code modes} ({@code thrpt,sample}: with {@code sample}
 * alone the rate is derived as threads ÷ mean latency), {@code out}
 * ({@code checkpoint-benchmarks/results}), {@code rawSaveFull} ({@code true}), {@code rounds}
 * ({@code 1}). For each backend and thread count T it runs, one after the other, the store's
 * save, the raw save, the raw full save (a row {@code save ÷ full}: the raw side also writes what
 * a store save must keep besides the row; skipped with {@code -DrawSaveFull=false}), the store's
 * latest and the raw latest with T threads; SQLite's raw saves run with one thread committing
 * batches of T.
 *
 * <p>With {@code rounds} R above 1, each operation is measured R times, store and raw sides
 * alternating in order (store first in even rounds, raw first in odd ones), so that a drift of
 * the machine or the server over the run (a checkpoint, a cache filling) weighs on both sides
 * alike. Each round gives a ratio of its own; the report gives the median ratio with the lowest
 * and highest, and each side's median rate. The same code measured twice on this machine has
 * given ratios up to 0.4 apart: one round is not enough to judge a target of 0.8.
 */
public final class ConcurrencySuite {

    private ConcurrencySuite() {
    }

    /**
     * One row of the report: an operation of a backend at a thread count, measured in one or more
     * rounds. {@code store} and {@code raw} are each side's round of median rate; the ratio is the
     * median of the rounds' own ratios, with the lowest and highest beside it.
     */
    record Row(String backend, int threads, String operation, Side store, Side raw, double ratio,
               double lowestRatio, double highestRatio, int rounds) {

        /** A row of one or more rounds; round {@code i} pairs {@code stores[i]} with {@code raws[i]}. */
        static Row of(String backend, int threads, String operation, List<Side> stores, List<Side> raws) {
            double[] ratios = new double[stores.size()];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = stores.get(i).opsPerSecond() / raws.get(i).opsPerSecond();
            }
            Arrays.sort(ratios);
            return new Row(backend, threads, operation, median(stores), median(raws), median(ratios),
                    ratios[0], ratios[ratios.length - 1], ratios.length);
        }
    }

    /** What one side measured: rows per second (with JMH's error), p50 and p99 in µs. */
    record Side(double opsPerSecond, double error, double p50Micros, double p99Micros) {
    }

    /**
     * Runs the suite.
     *
     * @param args JMH command-line options (forks, iterations, times), applied to every run
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        CommandLineOptions jmh = new CommandLineOptions(args);
        List<String> backends = list(System.getProperty("backends", "postgres,redis,sqlite"));
        int[] threadCounts = list(System.getProperty("threads", "1,8,32")).stream().mapToInt(Integer::parseInt).toArray();
        List<String> modes = list(System.getProperty("modes", "thrpt,sample"));
        Path out = Path.of(System.getProperty("out", "checkpoint-benchmarks/results"));
        boolean withFullSave = Boolean.parseBoolean(System.getProperty("rawSaveFull", "true"));
        int rounds = Integer.parseInt(System.getProperty("rounds", "1"));
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        }
        Instant started = Instant.now();
        List<Row> rows = new ArrayList<>();
        for (String backend : backends) {
            for (int threads : threadCounts) {
                for (String operation : List.of("save", "latest")) {
                    List<String> methods = new ArrayList<>(List.of(operation, "raw" + capitalised(operation)));
                    if (operation.equals("save") && withFullSave) {
                        methods.add("rawSaveFull");
                    }
                    List<List<Side>> sides = new ArrayList<>();
                    methods.forEach(m -> sides.add(new ArrayList<>()));
                    for (int round = 0; round < rounds; round++) {
                        for (int k = 0; k < methods.size(); k++) {
                            int i = round % 2 == 0 ? k : methods.size() - 1 - k;
                            String method = methods.get(i);
                            sides.get(i).add(i == 0 ? measure(jmh, modes, backend, method, threads, 1)
                                    : raw(jmh, modes, backend, method, threads));
                        }
                    }
                    rows.add(Row.of(backend, threads, operation, sides.get(0), sides.get(1)));
                    if (methods.size() > 2) {
                        rows.add(Row.of(backend, threads, "save ÷ full", sides.get(0), sides.get(2)));
                    }
                    write(out, started, rows);
                }
            }
        }
        System.out.println(markdown(started, rows));
        for (Path chart : ConcurrencyCharts.draw(out, rows)) {
            System.out.println("wrote " + chart);
        }
        System.out.println("load average at the end: " + loadAverage());
    }

    /**
     * The raw side of an operation at a thread count: SQLite's saves run on one thread committing
     * batches of {@code threads} rows (its batched-insert ceiling), everything else with
     * {@code threads} threads.
     */
    private static Side raw(CommandLineOptions jmh, List<String> modes, String backend, String method, int threads)
            throws RunnerException {
        return backend.equals("sqlite") && method.startsWith("rawSave")
                ? measure(jmh, modes, backend, method, 1, threads)
                : measure(jmh, modes, backend, method, threads, 1);
    }

    /** The 1-, 5- and 15-minute load averages, to say how noisy a run was; "?" where unknown. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Runs one benchmark method in each mode asked for; a SQLite raw save of batches counts its
     * rows (score × batch), and its latency is that of its batch.
     */
    private static Side measure(CommandLineOptions jmh, List<String> modes, String backend, String method,
                                int threads, int batch) throws RunnerException {
        double rate = Double.NaN;
        double error = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (String mode : modes) {
            Mode m = Mode.deepValueOf(mode);
            ChainedOptionsBuilder options = new OptionsBuilder().parent(jmh)
                    .include(ConcurrencyBenchmark.class.getName() + "\\." + method + "$")
                    .param("backend", backend).param("batch", Integer.toString(batch))
                    .threads(threads).mode(m)
                    .timeUnit(m == Mode.Throughput ? TimeUnit.SECONDS : TimeUnit.MICROSECONDS);
            Collection<RunResult> results = new Runner(options.build()).run();
            Result<?> r = results.iterator().next().getPrimaryResult();
            if (m == Mode.Throughput) {
                rate = r.getScore() * batch;
                error = r.getScoreError() * batch;
            } else {
                p50 = r.getStatistics().getPercentile(50);
                p99 = r.getStatistics().getPercentile(99);
                if (!modes.contains("thrpt")) {
                    // A closed loop: each of the threads runs one call after the other.
                    rate = threads * batch * 1e6 / r.getScore();
                }
            }
        }
        return new Side(rate, error, p50, p99);
    }

    /** The side of median rate (the lower middle one of an even count). */
    private static Side median(List<Side> sides) {
        List<Side> sorted = new ArrayList<>(sides);
        sorted.sort(Comparator.comparingDouble(Side::opsPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The median of sorted values (the mean of the middle two of an even count). */
    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void write(Path out, Instant started, List<Row> rows) throws IOException {
        Files.createDirectories(out);
        String name = "concurrency-" + started.toString().replace(":", "").substring(0, 15);
        Files.writeString(out.resolve(name + ".csv"), csv(rows));
        Files.writeString(out.resolve(name + ".md"), markdown(started, rows));
    }

    static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("backend,threads,operation,store_ops_per_s,store_error,store_p50_us,"
                + "store_p99_us,raw_ops_per_s,raw_error,raw_p50_us,raw_p99_us,ratio,ratio_lowest,ratio_highest,rounds\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%s,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.3f,%.3f,%.3f,%d%n",
                    r.backend(), r.threads(), r.operation(), r.store().opsPerSecond(), r.store().error(),
                    r.store().p50Micros(), r.store().p99Micros(), r.raw().opsPerSecond(), r.raw().error(),
                    r.raw().p50Micros(), r.raw().p99Micros(), r.ratio(), r.lowestRatio(), r.highestRatio(),
                    r.rounds()));
        }
        return sb.toString();
    }

    static String markdown(Instant started, List<Row> rows) {
        StringBuilder sb = new StringBuilder("# Concurrency: store beside the raw driver\n\n")
                .append("Started ").append(started).append("; load average (1, 5, 15 min) when written: ")
                .append(loadAverage()).append("; ratio = store ÷ raw throughput (higher is better).\n\n")
                .append("| backend | threads | operation | store ops/s | raw ops/s | ratio | lowest–highest (rounds) | store p50 / p99 µs | raw p50 / p99 µs |\n")
                .append("|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %.0f ± %.0f | %.0f ± %.0f | **%.2f** | %.2f–%.2f (%d) | %.0f / %.0f | %.0f / %.0f |%n",
                    r.backend(), r.threads(), r.operation(), r.store().opsPerSecond(), r.store().error(),
                    r.raw().opsPerSecond(), r.raw().error(), r.ratio(), r.lowestRatio(), r.highestRatio(), r.rounds(),
                    r.store().p50Micros(), r.store().p99Micros(), r.raw().p50Micros(), r.raw().p99Micros()));
        }
        return sb.append("\nRaw sides: PostgreSQL, plain JDBC on a HikariCP pool of the store's size (8);"
                + " Redis, Lettuce on one connection shared by all threads (HSET + ZADD at once; ZRANGE then HGET);"
                + " SQLite save, one thread committing batches of `threads` INSERTs (rows/s; the latency of a"
                + " row is that of its batch), SQLite latest, a connection per thread. `save ÷ full`: the same store"
                + " save against `rawSaveFull`, the raw pattern that also writes the version, the id's owner and the"
                + " execution's write time.\n").toString();
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
