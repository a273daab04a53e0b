package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrate between memory and SQLite stores; the servers are in {@link MigrateToServersTest}. */
class MigrateCommandTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private String source() {
        String uri = "sqlite:" + dir.resolve("from.db");
        try (CheckpointStore store = cli.open(uri)) {
            MigrationFixture.fill(store);
        }
        return uri;
    }

    @Test
    void migrateCopiesEveryExecutionAndVerifies() {
        String from = source();
        String to = "sqlite:" + dir.resolve("to.db");

        Cli.Result r = cli.run("migrate", "--from", from, "--to", to, "--progress");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        MigrationFixture.assertCopied(r, cli, from, to);
        assertThat(r.err()).contains("copy   [##############################] 100% 14/14")
                .contains("verify [##############################] 100% 14/14");
    }

    @Test
    void aSecondRunSkipsWhatIsThereAndRepairsWhatDiffers() {
        String from = source();
        String to = "sqlite:" + dir.resolve("to.db");
        cli.run("migrate", "--from", from, "--to", to);
        try (CheckpointStore target = cli.open(to)) {
            Checkpoint changed = target.load("beta#1").orElseThrow();
            target.save(changed.toBuilder().state(new byte[] {42}).version(0).build());
            target.delete("beta#2");
        }

        Cli.Result r = cli.run("migrate", "--from", from, "--to", to);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("copied\\s+2\n").containsPattern("skipped \\(already there\\)\\s+" + (MigrationFixture.TOTAL - 2) + "\n");
    }

    @Test
    void verificationFailsWithExitCodeOneWhenTheTargetDiffers() {
        String from = source();
        String to = "sqlite:" + dir.resolve("to.db");
        cli.run("migrate", "--from", from, "--to", to);
        try (CheckpointStore target = cli.open(to)) {
            Checkpoint changed = target.load("beta#1").orElseThrow();
            target.save(changed.toBuilder().state(new byte[] {42}).version(0).build());
            target.save(Checkpoint.builder("beta").id("extra").timestamp(T0).build());
        }

        Cli.Result r = cli.run("migrate", "--from", from, "--to", to, "--verify-only");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(r.out()).containsPattern("mismatches\\s+3\n").doesNotContain("copied");
        assertThat(r.err()).contains("mismatch: execution beta: 5 checkpoints in the source, 6 in the target")
                .contains("mismatch: execution beta, checkpoint beta#1: state checksum")
                .contains("mismatch: execution beta, checkpoint extra: in the target only")
                .endsWith("checkpointctl migrate: verification failed with 3 mismatches\n");
    }

    @Test
    void migrateFromMemoryToSqlite() {
        try (CheckpointStore store = cli.open("memory:")) {
            MigrationFixture.fill(store);
        }
        String to = "sqlite:" + dir.resolve("to.db");

        Cli.Result r = cli.run("migrate", "--from", "memory:", "--to", to);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        MigrationFixture.assertCopied(r, cli, "memory:", to);
    }

    @Test
    void theSourceDefaultsToTheStoreOption() {
        String from = source();
        String to = "sqlite:" + dir.resolve("to.db");

        Cli.Result r = cli.run("migrate", "--store", from, "--to", to);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("from: " + from + "\nto:   " + to + "\n");
        MigrationFixture.assertCopied(r, cli, from, to);
    }

    @Test
    void aSourceThatDoesNotExistIsNotFoundAndNothingIsCreated() {
        Path missing = dir.resolve("typo.db");

        Cli.Result r = cli.run("migrate", "--from", "sqlite:" + missing, "--to", "sqlite:" + dir.resolve("to.db"));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing).doesNotExist();
        assertThat(dir.resolve("to.db")).doesNotExist();
    }

    @Test
    void theSameStoreOnBothSidesIsRefused() {
        Cli.Result r = cli.run("migrate", "--from", "memory:", "--to", "memory:");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("checkpointctl migrate: --from and --to name the same store: memory:\n");
    }
}
