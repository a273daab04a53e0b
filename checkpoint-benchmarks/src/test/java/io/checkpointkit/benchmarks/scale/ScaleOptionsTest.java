package io.checkpointkit.benchmarks.scale;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaleOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ScaleOptions o = ScaleOptions.defaults();
        assertThat(o.backends()).containsExactly("memory", "sqlite", "sqlite-per-execution", "postgres", "redis");
        assertThat(o.sizes()).containsExactly(1_000L, 100_000L, 1_000_000L);
        assertThat(o.out()).isEqualTo(Path.of("checkpoint-benchmarks/results/scale"));
        assertThat(List.of(o.samples(), o.slowSamples(), o.warmup(), o.pageSize(), o.minPerExecution(),
                o.maxPerExecution(), o.stateBytes(), o.fillThreads())).containsExactly(1000, 100, 200, 100, 10, 100, 1024, 16);
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.redisMaxSize()).isEqualTo(1_000_000);
        assertThat(o.plotOnly()).isFalse();
        assertThat(List.of(o.sqliteCacheSize(), o.sqliteMmapSize())).containsExactly(-1L, -1L);
        assertThat(ScaleOptions.USAGE).contains("--sqlite-cache-size", "--sqlite-mmap-size", "--backend", "--sizes", "--out", "--data-dir", "--samples",
                "--slow-samples", "--warmup", "--page-size", "--per-execution", "--state-bytes", "--seed",
                "--redis-max-size", "--fill-threads", "--label", "--plot-only");
    }

    @Test
    void parsesEveryOption() {
        ScaleOptions o = ScaleOptions.parse("--backend", "sqlite, postgres", "--sizes", "1_000,1e5,10^6", "--out", "x",
                "--data-dir", "d", "--samples", "7", "--slow-samples", "3", "--warmup", "0", "--page-size", "20",
                "--per-execution", "5-9", "--state-bytes", "64", "--seed", "9", "--redis-max-size", "100000",
                "--fill-threads", "2", "--label", "smoke", "--plot-only");
        assertThat(o.backends()).containsExactly("sqlite", "postgres");
        assertThat(o.sizes()).containsExactly(1_000L, 100_000L, 1_000_000L);
        assertThat(o.out()).isEqualTo(Path.of("x"));
        assertThat(o.dataDir()).isEqualTo(Path.of("d"));
        assertThat(List.of(o.samples(), o.slowSamples(), o.warmup(), o.pageSize(), o.minPerExecution(),
                o.maxPerExecution(), o.stateBytes(), o.fillThreads())).containsExactly(7, 3, 0, 20, 5, 9, 64, 2);
        assertThat(o.seed()).isEqualTo(9);
        assertThat(o.redisMaxSize()).isEqualTo(100_000);
        assertThat(o.label()).isEqualTo("smoke");
        assertThat(o.plotOnly()).isTrue();
        ScaleOptions sqlite = ScaleOptions.parse("--sqlite-cache-size", "2048000", "--sqlite-mmap-size", "2^40");
        assertThat(List.of(sqlite.sqliteCacheSize(), sqlite.sqliteMmapSize())).containsExactly(2_048_000L, 1L << 40);
        assertThat(ScaleOptions.parse("--backend", "all").backends()).isEqualTo(ScaleOptions.BACKENDS);
        assertThat(ScaleOptions.parse("--help")).isNull();
    }

    @Test
    void rejectsBadValuesNamingTheOption() {
        assertThatThrownBy(() -> ScaleOptions.parse("--backend", "mongo")).hasMessageContaining("--backend")
                .hasMessageContaining("mongo");
        assertThatThrownBy(() -> ScaleOptions.parse("--sizes", "1000,10")).hasMessageContaining("ascending");
        assertThatThrownBy(() -> ScaleOptions.parse("--sizes", "ten")).hasMessageContaining("--sizes");
        assertThatThrownBy(() -> ScaleOptions.parse("--samples")).hasMessageContaining("--samples needs a value");
        assertThatThrownBy(() -> ScaleOptions.parse("--per-execution", "9-5")).hasMessageContaining("--per-execution");
        assertThatThrownBy(() -> ScaleOptions.parse("--bogus", "1")).hasMessageContaining("unknown option '--bogus'");
        assertThatThrownBy(() -> ScaleOptions.parse("--warmup", "-1")).hasMessageContaining("--warmup");
        assertThatThrownBy(() -> ScaleOptions.parse("--sqlite-cache-size", "-2")).hasMessageContaining("--sqlite-cache-size");
        assertThatThrownBy(() -> ScaleOptions.parse("--sqlite-mmap-size", "big")).hasMessageContaining("--sqlite-mmap-size");
    }
}
