package io.checkpointkit.benchmarks.scale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PNG charts of {@link ConcurrencySuite}, drawn with XChart: for each backend and operation,
 * {@code concurrency-<backend>-save.png} and {@code -latest.png}, throughput (ops/s, from 0)
 * against threads, one line per side: the store's as a solid line, the raw patterns beside it
 * dashed ({@code rawSave} and {@code rawSaveFull} for save).
 *
 * <pre>
 * java -cp checkpoint-benchmarks/target/benchmarks.jar io.checkpointkit.benchmarks.scale.ConcurrencyCharts \
 *      OUT_DIR concurrency-A.csv [concurrency-B.csv ...]
 * </pre>
 *
 * <p>Several CSV files can be merged (e.g. a run at 8 and 32 threads and one at 1): for the same
 * backend, thread count and operation, the row of the later file wins.
 */
public final class ConcurrencyCharts {

    /** One point: a side's rate at a thread count. */
    private record Point(int threads, double opsPerSecond) {
    }

    /** What a chart needs of a report row: where it was measured and both sides' rates. */
    record Rates(String backend, int threads, String operation, double store, double raw) {
    }

    private ConcurrencyCharts() {
    }

    /**
     * Draws the charts of the merged CSV files.
     *
     * @param args the output directory, then one or more CSV files written by {@link ConcurrencySuite}
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ConcurrencyCharts OUT_DIR CSV...");
        }
        Map<String, Rates> rows = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            for (Rates r : readCsv(Path.of(args[i]))) {
                rows.put(r.backend() + "," + r.threads() + "," + r.operation(), r);
            }
        }
        for (Path written : drawRates(Path.of(args[0]), List.copyOf(rows.values()))) {
            System.out.println("wrote " + written);
        }
    }

    /** Draws one chart per backend and operation of the report's rows; returns the files written. */
    static List<Path> draw(Path dir, List<ConcurrencySuite.Row> rows) throws IOException {
        return drawRates(dir, rows.stream().map(r -> new Rates(r.backend(), r.threads(), r.operation(),
                r.store().opsPerSecond(), r.raw().opsPerSecond())).toList());
    }

    /**
     * Reads the rows of a suite CSV: backend, threads, operation and the two rates are the
     * columns every version of the file has (the first, second, third, fourth and eighth).
     */
    static List<Rates> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).startsWith("backend,threads,operation,store_ops_per_s,")) {
            throw new IOException(file + " is not a CSV of ConcurrencySuite");
        }
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(",", -1))
                .map(f -> new Rates(f[0], Integer.parseInt(f[1]), f[2], Double.parseDouble(f[3]),
                        Double.parseDouble(f[7])))
                .toList();
    }

    private static List<Path> drawRates(Path dir, List<Rates> rows) throws IOException {
        // "backend-operation" -> side name -> points; TreeMap keeps the charts in a stable order.
        Map<String, Map<String, List<Point>>> byChart = new TreeMap<>();
        for (Rates r : rows) {
            String store = r.operation().startsWith("save") ? "save" : r.operation();
            Map<String, List<Point>> sides = byChart.computeIfAbsent(r.backend() + "-" + store,
                    c -> new LinkedHashMap<>());
            String raw = switch (r.operation()) {
                case "save" -> "rawSave";
                case "latest" -> "rawLatest";
                default -> "rawSaveFull";
            };
            add(sides, "store " + store, r.threads(), r.store());
            add(sides, raw, r.threads(), r.raw());
        }
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Point>>> e : byChart.entrySet()) {
            Path file = dir.resolve("concurrency-" + e.getKey() + ".png");
            BitmapEncoder.saveBitmap(chart(e.getKey(), e.getValue()), file.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(file);
        }
        return written;
    }

    private static void add(Map<String, List<Point>> sides, String side, int threads, double opsPerSecond) {
        List<Point> points = sides.computeIfAbsent(side, s -> new ArrayList<>());
        if (points.stream().noneMatch(p -> p.threads() == threads) && Double.isFinite(opsPerSecond)) {
            points.add(new Point(threads, opsPerSecond));
        }
    }

    private static XYChart chart(String name, Map<String, List<Point>> sides) {
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title(name + ": throughput against threads, store beside the raw driver")
                .xAxisTitle("threads").yAxisTitle("ops/s").build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setMarkerSize(7);
        for (Map.Entry<String, List<Point>> e : sides.entrySet()) {
            List<Point> points = new ArrayList<>(e.getValue());
            points.sort(Comparator.comparingInt(Point::threads));
            double[] x = points.stream().mapToDouble(Point::threads).toArray();
            double[] y = points.stream().mapToDouble(Point::opsPerSecond).toArray();
            XYSeries series = chart.addSeries(e.getKey(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            if (!e.getKey().startsWith("store")) {
                series.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        return chart;
    }
}
