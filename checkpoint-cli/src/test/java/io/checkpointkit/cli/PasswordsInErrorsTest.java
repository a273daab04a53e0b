package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No password reaches the terminal, whatever is wrong with the URI that holds it: a percent
 * sign that does not decode, a raw '/', '#' or '?' in the user info, a bad option beside it.
 */
class PasswordsInErrorsTest {

    private final Cli cli = new Cli();

    private static final List<String> URIS = List.of(
            "postgresql://app:Sup3rSecret%4@127.0.0.1:1/db",
            "postgresql://app:Sup3rSecret%zz@127.0.0.1:1/db",
            "postgresql://127.0.0.1:1/db?password=Sup3rSecret%4",
            "postgresql://app:Sup3r/ss#Secret@127.0.0.1:1/db",
            "postgresql://app:Sup3r/Secret@127.0.0.1:1/db",
            "postgresql://app:Sup3rSecret@127.0.0.1:1/db?timeout=25d",
            "redis://:Sup3r?Secret@127.0.0.1:1",
            "redis://:Sup3rSecret%4@127.0.0.1:1",
            "redis://:Sup3rSecret@127.0.0.1:1?connectTimeout=9223372036854775807d",
            "redis-cluster://:Sup3r#Secret@127.0.0.1:1,127.0.0.1:2",
            "redis-cluster://127.0.0.1:1?password=Sup3rSecret%4");

    @Test
    void aBadStoreUriIsAUsageErrorThatNeverShowsThePassword() {
        for (String uri : URIS) {
            for (List<String> args : List.of(
                    List.of("stats", "--store", uri),
                    List.of("stats", "--store", uri, "--verbose"),
                    List.of("migrate", "--from", "memory:", "--to", uri),
                    List.of("migrate", "--from", uri, "--to", "memory:", "--verbose"))) {
                Cli.Result r = cli.run(args.toArray(String[]::new));

                assertThat(r.exitCode()).as("%s\n%s", args, r).isEqualTo(ExitCodes.USAGE);
                assertThat(r.err()).as("%s", args).isNotEmpty()
                        .doesNotContain("Sup3r").doesNotContain("Secret");
                assertThat(r.out()).as("%s", args).doesNotContain("Sup3r").doesNotContain("Secret");
            }
        }
    }

    @Test
    void theMessageSaysWhatIsWrong() {
        assertThat(cli.run("stats", "--store", "postgresql://app:Sup3rSecret%4@db/prod").err())
                .startsWith("checkpointctl stats: malformed store URI 'postgresql://app:****@db/prod'")
                .contains("incomplete percent-encoding in the password");
        assertThat(cli.run("stats", "--store", "postgresql://app:pa/ss#word@db/prod").err())
                .contains("postgresql://app:****@db/prod").contains("percent-encode").doesNotContain("pa/ss").doesNotContain("#word");
        assertThat(cli.run("stats", "--store", "redis://127.0.0.1:1?timeout=25d").err())
                .contains("option timeout must be at most 24d, was '25d'");
    }
}
