package io.checkpointkit.benchmarks.scale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Markdown report of one backend: how it was run, a latency table (operation × size, p50 and
 * p99 in µs, with the growth of p50 from the smallest to the largest size against the 1.5×
 * target), and a table per size of fill time, sweep time and bytes per checkpoint.
 */
final class ScaleMarkdown {

    /** The most p50 may grow from the smallest to the largest size (issue 18's target). */
    static final double GROWTH_TARGET = 1.5;

    private ScaleMarkdown() {
    }

    static String render(ScaleOptions o, String backend, List<ScaleResults.Latency> latencies,
            List<ScaleResults.SizeRow> sizes, Map<Long, Map<String, Long>> parts, List<String> notes,
            String fillMethod, String bytesMethod, Instant started, Instant finished) {
        StringBuilder md = new StringBuilder();
        md.append("# Scale: ").append(backend).append("\n\n");
        if (!o.label().isBlank()) {
            md.append("**").append(o.label()).append("**\n\n");
        }
        md.append(String.format(Locale.ROOT, "Run %s – %s (%d s); load average at the end: %s. Executions of %d–%d"
                        + " checkpoints, %d-byte random states; %d measured calls per read and save (%d warm-up),"
                        + " %d per trim, clear and executions() page (limit %d).%n%n",
                started, finished, Duration.between(started, finished).toSeconds(), loadAverage(),
                o.minPerExecution(), o.maxPerExecution(), o.stateBytes(), o.samples(), o.warmup(), o.slowSamples(),
                o.pageSize()));
        md.append("Fill: ").append(fillMethod).append(". Bytes: ").append(bytesMethod).append(".\n\n");
        if (backend.startsWith("sqlite")) {
            md.append("Store: cacheSize ").append(o.sqliteCacheSize() < 0 ? "default" : o.sqliteCacheSize() + " B")
                    .append(", mmapSize ").append(o.sqliteMmapSize() < 0 ? "default" : o.sqliteMmapSize() + " B")
                    .append(" (`--sqlite-cache-size`, `--sqlite-mmap-size`).\n\n");
        }
        notes.forEach(n -> md.append(n).append("\n\n"));

        List<Long> sizeList = latencies.stream().map(ScaleResults.Latency::size).distinct().toList();
        Map<String, Map<Long, ScaleResults.Latency>> byOperation = new LinkedHashMap<>();
        for (ScaleResults.Latency l : latencies) {
            byOperation.computeIfAbsent(l.operation(), k -> new LinkedHashMap<>()).put(l.size(), l);
        }
        md.append("## Latency, p50 / p99 in µs\n\n| operation |");
        sizeList.forEach(s -> md.append(' ').append(sizeLabel(s)).append(" |"));
        md.append(" p50 growth |\n|---|");
        sizeList.forEach(s -> md.append("---:|"));
        md.append("---:|\n");
        for (Map.Entry<String, Map<Long, ScaleResults.Latency>> e : byOperation.entrySet()) {
            md.append("| `").append(e.getKey()).append("` |");
            for (long s : sizeList) {
                ScaleResults.Latency l = e.getValue().get(s);
                md.append(l == null ? " – |" : String.format(Locale.ROOT, " %s / %s |", us(l.p50()), us(l.p99())));
            }
            List<ScaleResults.Latency> row = new ArrayList<>(e.getValue().values());
            if (e.getKey().equals("executionsPage")) {
                // A page is full only where the store holds more executions than the page size.
                row.removeIf(l -> sizes.stream().anyMatch(r -> r.size() == l.size() && r.executions() <= o.pageSize()));
            }
            if (row.size() < 2) {
                md.append(" – |\n");
                continue;
            }
            double growth = row.get(row.size() - 1).p50() / row.get(0).p50();
            md.append(String.format(Locale.ROOT, " %.2f× %s%s |%n", growth, growth <= GROWTH_TARGET ? "✔" : "✘",
                    row.get(0).size() == sizeList.get(0) ? "" : " (from " + sizeLabel(row.get(0).size()) + ")"));
        }
        md.append("\np50 growth: p50 at the largest size ÷ p50 at the smallest; the target is ≤ ")
                .append(GROWTH_TARGET).append("×. `executionsPage` reads one page of ").append(o.pageSize())
                .append(" from a random cursor; its growth counts from the first size with more executions than"
                        + " that (below it the page holds every execution).\n\n");

        md.append("## Fill, sweep and bytes\n\n| size | executions | fill s | fill rate /s | sweep walk ms |"
                + " sweep trim-all ms | stored bytes | bytes / checkpoint | overhead / checkpoint |"
                + (backend.equals("redis") ? " used_memory delta |" : "") + "\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
                + (backend.equals("redis") ? "---:|" : "") + "\n");
        for (ScaleResults.SizeRow r : sizes) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.1f | %s | %s | %s | %s |",
                    sizeLabel(r.size()), r.executions(), r.fillSeconds(), r.fillRate(), r.sweepWalkMillis(),
                    r.sweepTrimMillis() < 0 ? "–" : String.format(Locale.ROOT, "%.1f", r.sweepTrimMillis()),
                    r.storedBytes() < 0 ? "–" : Long.toString(r.storedBytes()), number(r.bytesPerCheckpoint()),
                    number(r.overheadPerCheckpoint())));
            if (backend.equals("redis")) {
                md.append(' ').append(r.usedMemoryDelta()).append(" |");
            }
            md.append('\n');
        }
        md.append("\nSweep walk: `RetentionSweeper.sweepOnce()` keeping the latest ").append(o.maxPerExecution())
                .append(" (it pages through every execution and removes nothing). Sweep trim-all: one sweep keeping"
                        + " the latest ").append(ScaleSuite.KEPT).append(", after the last size. Overhead: stored bytes"
                        + " minus, per checkpoint, the state and one copy of its id, execution id, node name and"
                        + " metadata keys and values, divided by the count. Measured after the fill of each size,"
                        + " before its measurements; earlier sizes' measurements leave deleted rows whose space the"
                        + " next fill reuses.\n\n");
        if (!sizes.isEmpty() && !parts.getOrDefault(sizes.get(sizes.size() - 1).size(), Map.of()).isEmpty()) {
            ScaleResults.SizeRow last = sizes.get(sizes.size() - 1);
            md.append("## Where the bytes go at ").append(sizeLabel(last.size()))
                    .append("\n\n| part | bytes | per checkpoint |\n|---|---:|---:|\n");
            parts.get(last.size()).forEach((part, bytes) -> md.append(String.format(Locale.ROOT, "| %s | %d | %.1f |%n",
                    part, bytes, (double) bytes / last.size())));
            md.append(String.format(Locale.ROOT, "| payload (state + id + execution id + node + metadata) | %d | %.1f |%n%n",
                    last.payloadBytes(), (double) last.payloadBytes() / last.size()));
        }
        md.append("Charts: `").append(backend).append("-p50.png`, `").append(backend).append("-p99.png`. CSV: `")
                .append(backend).append("-latency.csv`, `").append(backend).append("-size.csv`.\n");
        return md.toString();
    }

    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
    }

    static String sizeLabel(long size) {
        int exponent = (int) Math.round(Math.log10(size));
        return Math.pow(10, exponent) == size ? "10^" + exponent : Long.toString(size);
    }

    private static String us(double micros) {
        return micros >= 100 ? String.format(Locale.ROOT, "%.0f", micros) : String.format(Locale.ROOT, "%.1f", micros);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.0f", v);
    }
}
