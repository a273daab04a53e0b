package io.checkpointkit.benchmarks.scale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyChartsTest {

    // A file of the first version (12 columns) and one of today's (15): both are read.
    private static final String OLD = "backend,threads,operation,store_ops_per_s,store_error,store_p50_us,"
            + "store_p99_us,raw_ops_per_s,raw_error,raw_p50_us,raw_p99_us,ratio\n"
            + "postgres,1,save,176.0,1.0,NaN,NaN,200.0,1.0,NaN,NaN,0.880\n"
            + "postgres,8,save,1.0,1.0,NaN,NaN,1.0,1.0,NaN,NaN,1.000\n";
    private static final String NEW = "backend,threads,operation,store_ops_per_s,store_error,store_p50_us,"
            + "store_p99_us,raw_ops_per_s,raw_error,raw_p50_us,raw_p99_us,ratio,ratio_lowest,ratio_highest,rounds\n"
            + "postgres,8,save,4379.0,996.0,NaN,NaN,5987.0,2823.0,NaN,NaN,0.840,0.730,0.950,3\n"
            + "postgres,8,save ÷ full,4379.0,996.0,NaN,NaN,5452.0,686.0,NaN,NaN,0.810,0.800,1.040,3\n"
            + "redis,8,latest,28952.0,7126.0,NaN,NaN,16514.0,8779.0,NaN,NaN,1.750,1.580,1.750,3\n";

    @Test
    void mergedFilesGiveOneChartPerBackendAndOperation(@TempDir Path dir) throws IOException {
        Path old = Files.writeString(dir.resolve("old.csv"), OLD);
        Path current = Files.writeString(dir.resolve("new.csv"), NEW);

        ConcurrencyCharts.main(new String[] {dir.resolve("charts").toString(), old.toString(), current.toString()});

        for (String chart : new String[] {"postgres-save", "redis-latest"}) {
            BufferedImage image = ImageIO.read(dir.resolve("charts/concurrency-" + chart + ".png").toFile());
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(560);
        }
        try (Stream<Path> charts = Files.list(dir.resolve("charts"))) {
            assertThat(charts.map(c -> c.getFileName().toString()))
                    .containsExactlyInAnyOrder("concurrency-postgres-save.png", "concurrency-redis-latest.png");
        }
    }

    @Test
    void theSuitesOwnRowsGiveTheSameChartsAsItsCsv(@TempDir Path dir) throws IOException {
        List<ConcurrencySuite.Row> rows = List.of(
                ConcurrencySuite.Row.of("sqlite", 8, "save", List.of(rate(11_409)), List.of(rate(34_861))),
                ConcurrencySuite.Row.of("sqlite", 8, "save ÷ full", List.of(rate(11_409)), List.of(rate(11_625))));
        Path csv = Files.writeString(dir.resolve("run.csv"), ConcurrencySuite.csv(rows));

        List<Path> fromRows = ConcurrencyCharts.draw(dir.resolve("rows"), rows);
        ConcurrencyCharts.main(new String[] {dir.resolve("csv").toString(), csv.toString()});

        assertThat(fromRows).extracting(p -> p.getFileName().toString()).containsExactly("concurrency-sqlite-save.png");
        assertThat(Files.readAllBytes(fromRows.get(0)))
                .isEqualTo(Files.readAllBytes(dir.resolve("csv/concurrency-sqlite-save.png")));
    }

    private static ConcurrencySuite.Side rate(double opsPerSecond) {
        return new ConcurrencySuite.Side(opsPerSecond, 0, 0, 0);
    }

    @Test
    void aFileThatIsNotTheSuitesIsRefusedByName(@TempDir Path dir) throws IOException {
        Path other = Files.writeString(dir.resolve("sqlite-latency.csv"), ScaleResults.LATENCY_HEADER + "\n");

        assertThatThrownBy(() -> ConcurrencyCharts.readCsv(other))
                .isInstanceOf(IOException.class).hasMessageContaining("sqlite-latency.csv");
    }
}
