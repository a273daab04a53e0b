package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.CheckpointStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bench prints a row per operation and leaves nothing behind. No timing is asserted. */
class BenchCommandTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void benchMeasuresSaveLatestAndListAndClearsItsExecution(String kind) {
        String uri = StoreKinds.uri(kind, dir);

        Cli.Result r = cli.run("bench", uri, "--ops", "50", "--warmup", "5", "--state-size", "64");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("50 ops each, state 64 bytes, 1 thread")
                .containsPattern("\nsave\\s+50\\s+\\d+\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+\n")
                .containsPattern("\nlatest\\s+50\\s")
                .containsPattern("\nlist \\(10 newest\\)\\s+50\\s");
        try (CheckpointStore store = cli.open(uri)) {
            assertThat(store.executions(null, 10).items()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void benchRejectsZeroOps(String kind) {
        Cli.Result r = cli.run("bench", StoreKinds.uri(kind, dir), "--ops", "0");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("checkpointctl bench: --ops must be at least 1, was 0\n");
    }
}
