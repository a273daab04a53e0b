package io.checkpointkit.benchmarks.scale;

import io.checkpointkit.benchmarks.scale.ConcurrencySuite.Row;
import io.checkpointkit.benchmarks.scale.ConcurrencySuite.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConcurrencySuiteTest {

    private static Side rate(double opsPerSecond) {
        return new Side(opsPerSecond, 0, 0, 0);
    }

    @Test
    void aRoundsRatioPairsTheSidesOfThatRoundAndTheRowReportsTheirMedian() {
        // Both sides slow down from round to round (a drifting server): the pairs are
        // 0.9, 0.8 and 1.0, while the medians of the sides taken apart (5,000 and 5,000) would give 1.0.
        Row row = Row.of("postgres", 8, "save",
                List.of(rate(9_000), rate(4_000), rate(5_000)),
                List.of(rate(10_000), rate(5_000), rate(5_000)));

        assertThat(row.ratio()).isCloseTo(0.9, within(1e-9));
        assertThat(row.lowestRatio()).isCloseTo(0.8, within(1e-9));
        assertThat(row.highestRatio()).isCloseTo(1.0, within(1e-9));
        assertThat(row.rounds()).isEqualTo(3);
        assertThat(row.store().opsPerSecond()).isEqualTo(5_000);
        assertThat(row.raw().opsPerSecond()).isEqualTo(5_000);
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleRatios() {
        Row row = Row.of("redis", 32, "save",
                List.of(rate(6_000), rate(8_000)),
                List.of(rate(10_000), rate(10_000)));

        assertThat(row.ratio()).isCloseTo(0.7, within(1e-9));
        assertThat(row.lowestRatio()).isCloseTo(0.6, within(1e-9));
        assertThat(row.highestRatio()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void oneRoundIsTheRatioOfItsTwoSides() {
        Row row = Row.of("redis", 8, "latest", List.of(rate(3_000)), List.of(rate(4_000)));

        assertThat(row.ratio()).isCloseTo(0.75, within(1e-9));
        assertThat(row.lowestRatio()).isEqualTo(row.highestRatio()).isEqualTo(row.ratio());
        assertThat(ConcurrencySuite.csv(List.of(row))).contains(",0.750,0.750,0.750,1");
    }
}
