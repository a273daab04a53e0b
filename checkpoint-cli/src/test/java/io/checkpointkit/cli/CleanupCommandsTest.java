package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** trim and sweep, end to end through picocli, on memory and SQLite. */
class CleanupCommandsTest {

    /** The Cli's clock reads 2026-11-26T12:00:00Z. */
    private static final Instant LONG_AGO = Instant.parse("2026-10-01T00:00:00Z");
    private static final Instant RECENT = Instant.parse("2026-11-25T00:00:00Z");

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    /** old: 4 checkpoints a month ago; busy: 8 yesterday, the first pinned; hostile: 6 yesterday. */
    private String seed(String kind) {
        String uri = StoreKinds.uri(kind, dir);
        try (CheckpointStore store = cli.open(uri)) {
            cli.writeClock.set(LONG_AGO); // idle means not written: write them when their timestamps say
            StoreKinds.fill(store, "old", 4, LONG_AGO);
            cli.writeClock.set(RECENT);
            StoreKinds.fill(store, "busy", 8, RECENT);
            Checkpoint first = store.load("busy#0").orElseThrow();
            store.save(first.toBuilder().pinned(true).build());
            StoreKinds.fill(store, StoreKinds.HOSTILE, 6, RECENT);
            cli.writeClock.set(null);
        }
        return uri;
    }

    private List<String> ids(String uri, String executionId) {
        try (CheckpointStore store = cli.open(uri)) {
            return store.list(executionId).stream().map(Checkpoint::id).collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void trimOneExecutionKeepsTheLatestAndThePinned(String kind) {
        String uri = seed(kind);

        Cli.Result r = cli.run("trim", "--keep", "3", "--execution", "busy", "--store", uri);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(ids(uri, "busy")).containsExactly("busy#0", "busy#5", "busy#6", "busy#7");
        assertThat(ids(uri, "old")).hasSize(4);
        assertThat(r.out()).containsPattern("busy\\s+trim\\s+4\n").contains("removed 4 checkpoints from 1 of 1 executions: keep the latest 3 unpinned.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void trimAllWalksEveryExecutionWithAProgressBar(String kind) {
        String uri = seed(kind);

        Cli.Result r = cli.run("trim", "--keep", "2", "--all", "--store", uri, "--progress");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(ids(uri, "busy")).containsExactly("busy#0", "busy#6", "busy#7");
        assertThat(ids(uri, "old")).containsExactly("old#2", "old#3");
        assertThat(ids(uri, StoreKinds.HOSTILE)).hasSize(2);
        assertThat(r.out()).contains("removed 11 checkpoints from 3 of 3 executions: keep the latest 2 unpinned of each.");
        assertThat(r.err()).contains("trim [##############################] 100% 3/3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void trimDryRunSaysWhatWouldGoAndDeletesNothing(String kind) {
        String uri = seed(kind);

        Cli.Result r = cli.run("trim", "--keep", "2", "--all", "--dry-run", "--store", uri);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("would remove 11 checkpoints from 3 of 3 executions").contains("Dry run: nothing was deleted.");
        assertThat(r.err()).isEmpty();
        assertThat(ids(uri, "busy")).hasSize(8);
        assertThat(ids(uri, "old")).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void trimNeedsExactlyOneOfExecutionAndAll(String kind) {
        String uri = seed(kind);

        Cli.Result both = cli.run("trim", "--keep", "1", "--all", "--execution", "busy", "--store", uri);
        Cli.Result neither = cli.run("trim", "--keep", "1", "--store", uri);
        Cli.Result negative = cli.run("trim", "--keep", "-1", "--all", "--store", uri);

        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).isEqualTo("checkpointctl trim: --keep must not be negative, was -1\n");
        assertThat(ids(uri, "busy")).hasSize(8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void sweepClearsIdleExecutionsAndTrimsTheOthers(String kind) {
        String uri = seed(kind);

        Cli.Result r = cli.run("sweep", "--idle", "7d", "--keep", "5", "--store", uri);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(ids(uri, "old")).isEmpty();
        assertThat(ids(uri, "busy")).containsExactly("busy#0", "busy#3", "busy#4", "busy#5", "busy#6", "busy#7");
        assertThat(ids(uri, StoreKinds.HOSTILE)).hasSize(5);
        assertThat(r.out()).containsPattern("old\\s+clear \\(idle\\)\\s+4\n")
                .contains("removed 7 checkpoints from 3 of 3 executions (1 idle, cleared)")
                .contains("clear those idle since before 2026-11-19T12:00:00Z, keep the latest 5 unpinned of the others.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void sweepDryRunDeletesNothingAndAShortIdleClearsMore(String kind) {
        String uri = seed(kind);

        Cli.Result dry = cli.run("sweep", "--idle", "PT12H", "--dry-run", "--store", uri);

        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).contains("would remove 18 checkpoints from 3 of 3 executions (3 idle, to be cleared)");
        assertThat(ids(uri, "old")).hasSize(4);

        Cli.Result wet = cli.run("sweep", "--idle", "60d", "--store", uri);
        assertThat(wet.out()).contains("removed 0 checkpoints from 0 of 3 executions");
        assertThat(ids(uri, "old")).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void sweepRejectsABadDurationBeforeTouchingTheStore(String kind) {
        String uri = seed(kind);

        Cli.Result r = cli.run("sweep", "--idle", "seven days", "--store", uri);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("checkpointctl sweep: --idle must be an ISO-8601 duration").endsWith("'seven days'\n");
        assertThat(ids(uri, "old")).hasSize(4);
    }
}
