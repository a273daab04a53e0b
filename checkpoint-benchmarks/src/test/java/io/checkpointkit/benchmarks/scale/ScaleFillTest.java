package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fill paths write what the stores read back; a tiny run writes its files. Not a measurement. */
class ScaleFillTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite", "sqlite-per-execution"})
    void aFillOf100ReadsBackThroughTheStore(String name) throws Exception {
        ScaleSuite suite = new ScaleSuite(ScaleOptions.parse("--data-dir", dir.toString()));
        ScaleWorkload workload = new ScaleWorkload(1, 10, 100, 1024);
        try (ScaleBackend backend = suite.open(name)) {
            List<Checkpoint> written = workload.nextExecutions(100, 100);
            assertThat(written).hasSize(100);
            backend.fill(written);
            for (Checkpoint cp : written) {
                assertThat(backend.store().load(cp.id())).contains(cp.withVersion(1));
            }
            long listed = 0;
            for (String executionId : workload.executionIds()) {
                listed += backend.store().list(executionId).size();
            }
            assertThat(listed).isEqualTo(100);
            assertThat(backend.store().executions(null, 1000).items()).hasSize(workload.executionIds().size());
            ScaleSuite.verify(backend.store(), workload);
            if (!name.equals("memory")) {
                assertThat(backend.storedBytes().orElseThrow()).isGreaterThan(workload.payloadBytes());
            }
        }
        try (var left = Files.list(dir)) {
            assertThat(left).as("the backend removes its files").isEmpty();
        }
    }

    @Test
    void clearedProbesOfThePerExecutionLayoutLeaveNothingInExecutionsOnceDiscarded() throws Exception {
        ScaleSuite suite = new ScaleSuite(ScaleOptions.parse("--data-dir", dir.toString()));
        ScaleWorkload workload = new ScaleWorkload(1, 10, 100, 16);
        try (ScaleBackend backend = suite.open("sqlite-per-execution")) {
            backend.fill(workload.nextExecutions(30, 30));
            List<List<Checkpoint>> probes = workload.probeExecutions(3, 5);
            probes.forEach(p -> {
                try {
                    backend.fillProbes(p);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            probes.forEach(p -> backend.store().clear(p.get(0).executionId()));
            backend.discardProbes();
            assertThat(backend.store().executions(null, 1000).items())
                    .extracting(info -> info.executionId()).containsExactlyInAnyOrderElementsOf(workload.executionIds());
            assertThat(backend.bytesByPart().keySet()).anyMatch(part -> part.startsWith("execution files ("
                    + workload.executionIds().size() + ","));
        }
    }

    @Test
    void aTinyRunWritesTablesAndChartsAndPlotOnlyRedrawsThem() throws Exception {
        Path out = dir.resolve("out");
        ScaleSuite.main(new String[] {"--backend", "memory", "--sizes", "100,300", "--samples", "5", "--slow-samples",
                "2", "--warmup", "1", "--out", out.toString()});
        assertThat(out.resolve("memory-latency.csv")).exists();
        assertThat(out.resolve("memory-size.csv")).exists();
        assertThat(Files.readString(out.resolve("memory.md"))).contains("| `latest` |", "| 300 |");
        assertThat(ScaleResults.readLatencies(out.resolve("memory-latency.csv")))
                .extracting(ScaleResults.Latency::operation).contains("save", "load", "latest", "list50",
                        "executionsPage", "trim50to10", "clear50");
        Files.delete(out.resolve("memory-p50.png"));
        ScaleSuite.main(new String[] {"--plot-only", "--out", out.toString()});
        assertThat(out.resolve("memory-p50.png")).isNotEmptyFile();
        assertThat(out.resolve("memory-p99.png")).isNotEmptyFile();
    }
}
