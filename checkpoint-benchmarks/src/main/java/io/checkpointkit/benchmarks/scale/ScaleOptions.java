package io.checkpointkit.benchmarks.scale;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static io.checkpointkit.spi.Arguments.requireAtLeast;

/**
 * The command line of {@link ScaleSuite}. Every option has a default; {@link #USAGE} lists them
 * (the module README repeats it). Values are checked when parsed: an unknown option, a missing
 * value or a value out of range throws {@link IllegalArgumentException} naming the option.
 *
 * @param backends the backends to run, in the order given
 * @param sizes the store sizes to fill to and measure at, ascending, in checkpoints
 * @param out the directory the CSV, Markdown and PNG files go to
 * @param dataDir where the SQLite files are made (a new directory under it, deleted at the end)
 * @param samples measured calls per read operation and per save at each size
 * @param slowSamples measured calls of trim, clear and executions() at each size (a trim or clear uses up a
 *     fresh execution of 50)
 * @param warmup unmeasured calls of each operation before its measured ones
 * @param pageSize the limit of the measured {@code executions()} page
 * @param minPerExecution the fewest checkpoints in one execution of the fill
 * @param maxPerExecution the most checkpoints in one execution of the fill
 * @param stateBytes the state size of every checkpoint
 * @param seed the seed of every random choice (execution sizes, states, the calls' targets)
 * @param redisMaxSize the largest size filled on Redis; larger sizes are skipped and reported
 * @param fillThreads threads that save at once where the fill goes through the store's {@code save}
 * @param label a note written at the top of every Markdown file (for example "smoke run")
 * @param sqliteCacheSize the SQLite store's {@code cacheSize} in bytes, or -1 for the store's default
 * @param sqliteMmapSize the SQLite store's {@code mmapSize} in bytes, or -1 for the store's default
 * @param plotOnly only redraw the PNG charts from the CSV files already in {@code out}
 */
public record ScaleOptions(List<String> backends, List<Long> sizes, Path out, Path dataDir, int samples,
        int slowSamples, int warmup, int pageSize, int minPerExecution, int maxPerExecution, int stateBytes,
        long seed, long redisMaxSize, int fillThreads, String label, long sqliteCacheSize, long sqliteMmapSize,
        boolean plotOnly) {

    /** The backend names {@code --backend} accepts; {@code all} means all of them. */
    public static final List<String> BACKENDS = List.of("memory", "sqlite", "sqlite-per-execution", "postgres", "redis");

    /** The help text: every option with its default. */
    public static final String USAGE = String.join("\n",
            "usage: java -cp checkpoint-benchmarks/target/benchmarks.jar io.checkpointkit.benchmarks.scale.ScaleSuite [options]",
            "  --backend LIST        comma-separated: memory, sqlite, sqlite-per-execution, postgres, redis, or all (default all)",
            "  --sizes LIST          store sizes in checkpoints, ascending; 1000, 1_000, 1e3 and 10^3 all work (default 1000,100000,1000000)",
            "  --out DIR             where CSV, Markdown and PNG files go (default checkpoint-benchmarks/results/scale)",
            "  --data-dir DIR        where SQLite files are made, in a new directory deleted at the end (default java.io.tmpdir)",
            "  --samples N           measured calls of save, load, latest and list per size (default 1000)",
            "  --slow-samples N      measured calls of trim, clear (each on a new execution of 50) and executions() per size (default 100)",
            "  --warmup N            unmeasured calls of each operation before the measured ones (default 200)",
            "  --page-size N         limit of the measured executions() page (default 100)",
            "  --per-execution A-B   checkpoints per execution of the fill, uniform (default 10-100)",
            "  --state-bytes N       state size of each checkpoint (default 1024)",
            "  --seed N              seed of every random choice (default 42)",
            "  --redis-max-size N    largest size filled on Redis; larger sizes are skipped and reported (default 1000000)",
            "  --fill-threads N      threads saving at once where the fill goes through save(): Redis (default 16)",
            "  --label TEXT          note at the top of each Markdown file, e.g. 'smoke run on a loaded machine' (default none)",
            "  --sqlite-cache-size N SQLite stores' cacheSize (page cache per connection) in bytes (default: the store's default)",
            "  --sqlite-mmap-size N  SQLite stores' mmapSize in bytes, 0 = off (default: the store's default)",
            "  --plot-only           redraw the PNG charts from the CSV files in --out and exit",
            "  --help                this text",
            "Servers: CHECKPOINT_TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/test),",
            "CHECKPOINT_TEST_REDIS_URL (default redis://127.0.0.1:6379).");

    /** Checks the values; the parser and tests build options through it. */
    public ScaleOptions {
        backends = List.copyOf(backends);
        sizes = List.copyOf(sizes);
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("--backend names no backend");
        }
        for (String b : backends) {
            if (!BACKENDS.contains(b)) {
                throw new IllegalArgumentException("--backend: unknown backend '" + b + "'; known: " + BACKENDS + " or all");
            }
        }
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("--sizes names no size");
        }
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) < 1 || (i > 0 && sizes.get(i) <= sizes.get(i - 1))) {
                throw new IllegalArgumentException("--sizes must be positive and ascending, was " + sizes);
            }
        }
        if (minPerExecution < 1 || maxPerExecution < minPerExecution) {
            throw new IllegalArgumentException("--per-execution must be A-B with 1 <= A <= B, was "
                    + minPerExecution + "-" + maxPerExecution);
        }
        requireAtLeast(samples, 1, "--samples");
        requireAtLeast(slowSamples, 1, "--slow-samples");
        requireAtLeast(warmup, 0, "--warmup");
        requireAtLeast(pageSize, 1, "--page-size");
        requireAtLeast(stateBytes, 0, "--state-bytes");
        requireAtLeast(fillThreads, 1, "--fill-threads");
        requireAtLeast(redisMaxSize, 1, "--redis-max-size");
        requireAtLeast(sqliteCacheSize, -1, "--sqlite-cache-size");
        requireAtLeast(sqliteMmapSize, -1, "--sqlite-mmap-size");
    }

    /** The defaults, as {@link #USAGE} states them. */
    public static ScaleOptions defaults() {
        return parse();
    }

    /**
     * Parses a command line.
     *
     * @param args the arguments of {@code main}
     * @return the options; {@code null} when {@code --help} was asked for
     * @throws IllegalArgumentException naming the option that is unknown, lacks a value or is out of range
     */
    public static ScaleOptions parse(String... args) {
        List<String> backends = BACKENDS;
        List<Long> sizes = List.of(1_000L, 100_000L, 1_000_000L);
        Path out = Path.of("checkpoint-benchmarks", "results", "scale");
        Path dataDir = Path.of(System.getProperty("java.io.tmpdir"));
        int samples = 1000;
        int slowSamples = 100;
        int warmup = 200;
        int pageSize = 100;
        int minPer = 10;
        int maxPer = 100;
        int stateBytes = 1024;
        long seed = 42;
        long redisMax = 1_000_000;
        int fillThreads = 16;
        String label = "";
        long sqliteCacheSize = -1;
        long sqliteMmapSize = -1;
        boolean plotOnly = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--plot-only" -> plotOnly = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option.startsWith("--")
                                ? option + " needs a value" : "unknown argument '" + option + "'\n" + USAGE);
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--backend" -> backends = backends(value);
                        case "--sizes" -> sizes = sizes(value);
                        case "--out" -> out = Path.of(value);
                        case "--data-dir" -> dataDir = Path.of(value);
                        case "--samples" -> samples = intValue(option, value);
                        case "--slow-samples" -> slowSamples = intValue(option, value);
                        case "--warmup" -> warmup = intValue(option, value);
                        case "--page-size" -> pageSize = intValue(option, value);
                        case "--per-execution" -> {
                            String[] range = value.split("-", -1);
                            if (range.length != 2) {
                                throw new IllegalArgumentException("--per-execution must be A-B, was '" + value + "'");
                            }
                            minPer = intValue(option, range[0]);
                            maxPer = intValue(option, range[1]);
                        }
                        case "--state-bytes" -> stateBytes = intValue(option, value);
                        case "--seed" -> seed = longValue(option, value);
                        case "--redis-max-size" -> redisMax = longValue(option, value);
                        case "--fill-threads" -> fillThreads = intValue(option, value);
                        case "--label" -> label = value;
                        case "--sqlite-cache-size" -> sqliteCacheSize = longValue(option, value);
                        case "--sqlite-mmap-size" -> sqliteMmapSize = longValue(option, value);
                        default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + USAGE);
                    }
                }
            }
        }
        return new ScaleOptions(backends, sizes, out, dataDir, samples, slowSamples, warmup, pageSize, minPer, maxPer,
                stateBytes, seed, redisMax, fillThreads, label, sqliteCacheSize, sqliteMmapSize, plotOnly);
    }

    private static List<String> backends(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.equals("all")) {
                return BACKENDS;
            }
            if (!n.isEmpty() && !names.contains(n)) {
                names.add(n);
            }
        }
        return names;
    }

    private static List<Long> sizes(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> longValue("--sizes", s)).toList();
    }

    private static int intValue(String option, String value) {
        long v = longValue(option, value);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " is too large: " + value);
        }
        return (int) v;
    }

    /** A whole number: digits with optional underscores, or {@code AeB} / {@code A^B} for A × 10^B / A^B. */
    static long longValue(String option, String value) {
        String v = value.trim().replace("_", "");
        try {
            int e = v.toLowerCase(Locale.ROOT).indexOf('e');
            if (e > 0) {
                return Math.multiplyExact(Long.parseLong(v.substring(0, e)),
                        pow(10, Integer.parseInt(v.substring(e + 1))));
            }
            int caret = v.indexOf('^');
            if (caret > 0) {
                return pow(Long.parseLong(v.substring(0, caret)), Integer.parseInt(v.substring(caret + 1)));
            }
            return Long.parseLong(v);
        } catch (NumberFormatException | ArithmeticException ex) {
            throw new IllegalArgumentException(option + " takes a whole number, was '" + value + "'", ex);
        }
    }

    private static long pow(long base, int exponent) {
        if (exponent < 0) {
            throw new NumberFormatException("negative exponent");
        }
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result = Math.multiplyExact(result, base);
        }
        return result;
    }
}
