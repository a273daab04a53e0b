package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.CheckpointStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --help everywhere, the store URI's sources, errors as one line, passwords masked. */
class ErrorsAndHelpTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    @ParameterizedTest
    @ValueSource(strings = {"demo", "stats", "executions", "history", "show", "trim", "sweep", "migrate", "tck", "bench"})
    void everyCommandHasHelp(String command) {
        Cli.Result r = cli.run(command, "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: checkpointctl " + command).contains("--store=URI", "-h, --help");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void theTopCommandListsTheCommandsAndExitCodes() {
        Cli.Result r = cli.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("demo", "migrate", "tck", "bench")
                .contains("Store: --store, else $CHECKPOINT_STORE, else sqlite:./checkpointkit.db")
                .contains("3 store unreachable, 4 not found");
        assertThat(cli.run().out()).startsWith("Usage: checkpointctl");
    }

    @Test
    void theStoreComesFromTheOptionElseTheEnvironmentElseTheDefault() {
        String fromEnv = "sqlite:" + dir.resolve("env.db");
        try (CheckpointStore store = cli.open(fromEnv)) {
            StoreKinds.fill(store, "from-env", 2, Instant.parse("2026-11-01T00:00:00Z"));
        }
        cli.env.put("CHECKPOINT_STORE", fromEnv);

        assertThat(cli.run("executions").out()).contains("store: " + fromEnv).contains("from-env");
        assertThat(cli.run("executions", "--store", "memory:").out()).contains("store: memory:").contains("no executions");
        assertThat(cli.run("--store", "memory:", "executions").out()).contains("store: memory:");

        CheckpointCtl ctl = new CheckpointCtl(java.util.Map.of(), code -> { }, cli.clock, false, cli::open);
        assertThat(ctl.storeUri()).isEqualTo("sqlite:./checkpointkit.db");
    }

    @Test
    void anUnknownSchemeIsOneLineNamingTheKnownSchemes() {
        Cli.Result r = cli.run("stats", "--store", "nosuch://x");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("checkpointctl stats: no CheckpointStore provider for scheme 'nosuch'")
                .contains("memory", "sqlite").endsWith("\n");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void passwordsAreMaskedInErrorsAndStackTraces() {
        String uri = "postgresql://app:s3cr3t-pw@127.0.0.1:1/db?connectTimeout=1s";

        Cli.Result quiet = cli.run("stats", "--store", uri);
        Cli.Result verbose = cli.run("stats", "--store", uri, "--verbose");
        Cli.Result migrate = cli.run("migrate", "--from", uri, "--to", "redis://:other-pw@127.0.0.1:1?connectTimeout=1s");

        assertThat(quiet.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(migrate.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(quiet.err().lines()).hasSize(1);
        assertThat(verbose.err()).contains("\tat ");
        assertThat(verbose.err().lines().count()).isGreaterThan(1);
        for (Cli.Result r : new Cli.Result[] {quiet, verbose, migrate}) {
            assertThat(r.out() + r.err()).doesNotContain("s3cr3t-pw").doesNotContain("other-pw");
        }
    }

    @Test
    void aUriLeftOverByATypoIsMaskedInTheUsageError() {
        Cli.Result r = cli.run("stats", "--stor", "postgresql://app:s3cr3t-pw@db/prod");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("postgresql://app:****@db/prod").doesNotContain("s3cr3t-pw")
                .contains("checkpointctl stats --help");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Result r = cli.run("stats", "--frobnicate");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("Unknown option: '--frobnicate'");
    }

    @Test
    void versionNamesTheTool() {
        Cli.Result r = cli.run("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("checkpointctl ");
    }
}
