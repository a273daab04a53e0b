package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tck runs the real kit against a live store and exits 1 when the store breaks the contract. */
class TckCommandTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @Test
    void theKitPassesOnSqliteIncludingDurability() {
        Cli.Result r = cli.run("tck", "sqlite:" + dir.resolve("tck.db"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("CheckpointStore TCK: \\d+ passed, 0 failed, \\d+ skipped")
                .doesNotContain("skipped Durability");
    }

    @Test
    void aStoreThatBreaksTheContractFailsWithExitCodeOne() {
        cli.shareMemory = false;

        Cli.Result r = cli.run("tck", "--store", "broken:");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).containsPattern("CheckpointStore TCK: \\d+ passed, [1-9]\\d* failed").contains("  FAILED  ");
    }

    @Test
    void aMalformedUriIsOneUsageErrorNotAFailedRun() {
        Cli.Result r = cli.run("tck", "no scheme here");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("checkpointctl tck: malformed store URI 'no scheme here'");
    }
}
