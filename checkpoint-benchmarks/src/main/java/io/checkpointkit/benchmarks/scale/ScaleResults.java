package io.checkpointkit.benchmarks.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a scale run measured for one backend, and its CSV form: {@code <backend>-latency.csv}
 * (one row per size and operation) and {@code <backend>-size.csv} (one row per size: fill,
 * sweep, bytes). {@link #readLatencies} reads the first back for {@code --plot-only}.
 */
final class ScaleResults {

    /** The header of {@code <backend>-latency.csv}. */
    static final String LATENCY_HEADER = "backend,size,operation,samples,p50_us,p99_us,max_us";
    /** The header of {@code <backend>-size.csv}. */
    static final String SIZE_HEADER = "backend,size,executions,fill_s,fill_per_s,sweep_walk_ms,sweep_trim_ms,"
            + "stored_bytes,bytes_per_checkpoint,overhead_per_checkpoint,used_memory_delta";

    /** Percentiles of one operation at one size, in microseconds. */
    record Latency(String backend, long size, String operation, int samples, double p50, double p99, double max) {

        /**
         * The nearest-rank percentiles of exact samples.
         *
         * @param nanos every measured call, in nanoseconds; sorted in place
         */
        static Latency of(String backend, long size, String operation, long[] nanos) {
            Arrays.sort(nanos);
            return new Latency(backend, size, operation, nanos.length, rank(nanos, 0.50) / 1e3, rank(nanos, 0.99) / 1e3,
                    nanos[nanos.length - 1] / 1e3);
        }

        private static long rank(long[] sorted, double p) {
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        String csv() {
            return String.format(Locale.ROOT, "%s,%d,%s,%d,%.1f,%.1f,%.1f", backend, size, operation, samples, p50, p99, max);
        }
    }

    /**
     * The whole-store figures of one size.
     *
     * @param sweepTrimMillis the sweep that trims every execution to 10, run once after the last
     *     size; -1 at the other sizes
     * @param storedBytes what the store occupies; -1 when not measured
     * @param payloadBytes state plus one copy of id, execution id, node name and metadata, summed
     * @param usedMemoryDelta Redis {@code used_memory} delta; -1 elsewhere
     */
    record SizeRow(String backend, long size, long executions, double fillSeconds, double sweepWalkMillis,
            double sweepTrimMillis, long storedBytes, long payloadBytes, long usedMemoryDelta) {

        double fillRate() {
            return fillSeconds > 0 ? size / fillSeconds : Double.NaN;
        }

        double bytesPerCheckpoint() {
            return storedBytes < 0 ? Double.NaN : (double) storedBytes / size;
        }

        double overheadPerCheckpoint() {
            return storedBytes < 0 ? Double.NaN : (double) (storedBytes - payloadBytes) / size;
        }

        String csv() {
            return String.format(Locale.ROOT, "%s,%d,%d,%.2f,%.0f,%.1f,%s,%s,%s,%s,%s", backend, size, executions,
                    fillSeconds, fillRate(), sweepWalkMillis, sweepTrimMillis < 0 ? "" : String.format(Locale.ROOT, "%.1f", sweepTrimMillis),
                    storedBytes < 0 ? "" : Long.toString(storedBytes), number(bytesPerCheckpoint()),
                    number(overheadPerCheckpoint()), usedMemoryDelta < 0 ? "" : Long.toString(usedMemoryDelta));
        }

        SizeRow withSweepTrim(double millis) {
            return new SizeRow(backend, size, executions, fillSeconds, sweepWalkMillis, millis, storedBytes,
                    payloadBytes, usedMemoryDelta);
        }

        static long orMinusOne(OptionalLong value) {
            return value.isPresent() ? value.getAsLong() : -1;
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    private ScaleResults() {
    }

    static void writeLatencies(Path file, List<Latency> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(LATENCY_HEADER);
        rows.forEach(r -> lines.add(r.csv()));
        Files.write(file, lines);
    }

    static void writeSizes(Path file, List<SizeRow> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(SIZE_HEADER);
        rows.forEach(r -> lines.add(r.csv()));
        Files.write(file, lines);
    }

    /** Writes {@code <backend>-bytes.csv}: {@code backend,size,part,bytes}, one row per part and size. */
    static void writeParts(Path file, String backend, Map<Long, Map<String, Long>> parts) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("backend,size,part,bytes");
        parts.forEach((size, bySize) -> bySize.forEach((part, bytes) ->
                lines.add(backend + "," + size + ",\"" + part.replace("\"", "\"\"") + "\"," + bytes)));
        Files.write(file, lines);
    }

    /** Reads a file written by {@link #writeLatencies}. */
    static List<Latency> readLatencies(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(LATENCY_HEADER)) {
            throw new IOException(file + " is not a latency CSV of the scale suite (header " + LATENCY_HEADER + ")");
        }
        List<Latency> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            rows.add(new Latency(f[0], Long.parseLong(f[1]), f[2], Integer.parseInt(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[6])));
        }
        return rows;
    }
}
