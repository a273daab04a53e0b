package io.checkpointkit.benchmarks.scale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The PNG charts of a scale run, drawn with XChart: for each backend, latency (µs, log axis)
 * against store size (checkpoints, log axis), one line per operation, once for p50
 * ({@code <backend>-p50.png}) and once for p99 ({@code <backend>-p99.png}).
 */
final class ScaleCharts {

    private ScaleCharts() {
    }

    /** Draws both charts of every {@code *-latency.csv} in {@code dir}; returns the files written. */
    static List<Path> redraw(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        List<Path> csvs;
        try (Stream<Path> files = Files.list(dir)) {
            csvs = files.filter(f -> f.getFileName().toString().endsWith("-latency.csv")).sorted().toList();
        }
        for (Path csv : csvs) {
            written.addAll(draw(dir, ScaleResults.readLatencies(csv)));
        }
        return written;
    }

    /** Draws the p50 and p99 charts of one backend's rows. */
    static List<Path> draw(Path dir, List<ScaleResults.Latency> rows) throws IOException {
        if (rows.isEmpty()) {
            return List.of();
        }
        String backend = rows.get(0).backend();
        Path p50 = dir.resolve(backend + "-p50.png");
        Path p99 = dir.resolve(backend + "-p99.png");
        save(chart(backend + ": p50 latency against store size", rows, ScaleResults.Latency::p50), p50);
        save(chart(backend + ": p99 latency against store size", rows, ScaleResults.Latency::p99), p99);
        return List.of(p50, p99);
    }

    private static XYChart chart(String title, List<ScaleResults.Latency> rows,
            ToDoubleFunction<ScaleResults.Latency> value) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("checkpoints in the store").yAxisTitle("latency (µs)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0.#E0");
        chart.getStyler().setMarkerSize(7);
        Map<String, List<ScaleResults.Latency>> byOperation = new LinkedHashMap<>();
        for (ScaleResults.Latency r : rows) {
            byOperation.computeIfAbsent(r.operation(), o -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<ScaleResults.Latency>> e : byOperation.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(ScaleResults.Latency::size).toArray();
            double[] y = e.getValue().stream().mapToDouble(value).map(v -> Math.max(v, 0.1)).toArray();
            XYSeries series = chart.addSeries(e.getKey(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static void save(XYChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
