package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** stats, executions, history and show, end to end through picocli, on memory and SQLite. */
class InspectCommandsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private String seed(String kind) {
        String uri = StoreKinds.uri(kind, dir);
        try (CheckpointStore store = cli.open(uri)) {
            StoreKinds.fill(store, "alpha", 1, T0);
            StoreKinds.fill(store, "beta", 5, T0.plusSeconds(3600));
            StoreKinds.fill(store, StoreKinds.HOSTILE, 3, T0.plusSeconds(7200));
        }
        return uri;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void statsCountsExecutionsAndCheckpointsAndListsTheLargest(String kind) {
        String uri = seed(kind);

        Cli.Result r = cli.run("stats", "--store", uri, "--top", "2");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("executions\\s+3\n").containsPattern("checkpoints\\s+9\n");
        assertThat(r.out()).contains("oldest activity  2026-11-01T00:00:00Z (25d 12h ago, execution alpha)");
        assertThat(r.out()).contains("newest activity  2026-11-01T02:00:02Z");
        String largest = r.out().substring(r.out().indexOf("largest executions:"));
        assertThat(largest).containsPattern("beta\\s+5").contains(StoreKinds.HOSTILE.substring(0, 20))
                .doesNotContain("alpha");
        assertThat(largest.indexOf("beta")).isLessThan(largest.indexOf(StoreKinds.HOSTILE.substring(0, 20)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void executionsPagesWithACursorThatCanBePastedBack(String kind) {
        String uri = seed(kind);

        Cli.Result first = cli.run("executions", "--store", uri, "--limit", "2");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).containsPattern("alpha\\s+1\\s+2026-11-01T00:00:00Z")
                .containsPattern("beta\\s+5\\s+2026-11-01T01:00:04Z")
                .contains("next page: checkpointctl executions --limit 2 --after beta")
                .doesNotContain("DROP TABLE");

        Cli.Result second = cli.run("executions", "--store", uri, "--limit", "2", "--after", "beta");
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains(StoreKinds.HOSTILE.substring(0, StoreKinds.HOSTILE.offsetByCodePoints(0, 59)) + "…")
                .doesNotContain("alpha");

        Cli.Result all = cli.run("executions", "--store", uri, "--all", "--limit", "1", "--wide");
        assertThat(all.out()).contains("alpha", "beta", StoreKinds.HOSTILE).doesNotContain("next page");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void historyListsTheCheckpointsOfAHostileExecutionOldestFirst(String kind) {
        String uri = seed(kind);

        Cli.Result r = cli.run("history", StoreKinds.HOSTILE, "--store", uri, "--wide");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        String id0 = StoreKinds.checkpointId(StoreKinds.HOSTILE, 0);
        String id2 = StoreKinds.checkpointId(StoreKinds.HOSTILE, 2);
        assertThat(r.out()).contains(id0, id2, "step=2").contains("3 checkpoints");
        assertThat(r.out().indexOf(id0)).isLessThan(r.out().indexOf(id2));

        Cli.Result latest = cli.run("history", "beta", "--store", uri, "--limit", "2");
        assertThat(latest.out()).contains("beta#3", "beta#4").doesNotContain("beta#2")
                .contains("2 latest checkpoints shown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void historyOfAnExecutionWithoutCheckpointsExitsWithNotFound(String kind) {
        String uri = seed(kind);

        Cli.Result r = cli.run("history", "nobody", "--store", uri);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).isEqualTo("checkpointctl history: execution nobody has no checkpoints\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void showPrintsFieldsMetadataAndPrettyJsonState(String kind) {
        String uri = StoreKinds.uri(kind, dir);
        try (CheckpointStore store = cli.open(uri)) {
            store.save(Checkpoint.builder(StoreKinds.LONGEST).id(StoreKinds.HOSTILE).parentId("p/../1")
                    .nodeName("plan").state("{\"goal\":\"ship\",\"n\":[1,2]}".getBytes(StandardCharsets.UTF_8))
                    .putMetadata("source", "loop").pinned(true).timestamp(T0).build());
        }

        Cli.Result r = cli.run("show", StoreKinds.HOSTILE, "--store", uri);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("id         " + StoreKinds.HOSTILE)
                .contains("execution  " + StoreKinds.LONGEST)
                .contains("parent     p/../1", "node       plan", "version    1", "pinned     yes")
                .contains("timestamp  2026-11-01T00:00:00Z")
                .contains("state      25 bytes (25 B), sha256 ")
                .contains("  source = loop", "  pinned = true")
                .contains("state (JSON):\n{\n  \"goal\" : \"ship\",\n  \"n\" : [\n    1,\n    2\n  ]\n}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void showPrintsBinaryStateAsAHexDump(String kind) {
        String uri = StoreKinds.uri(kind, dir);
        try (CheckpointStore store = cli.open(uri)) {
            store.save(Checkpoint.builder("e").id("bin").state(new byte[] {0, 1, 'A', (byte) 0xff}).build());
        }

        Cli.Result r = cli.run("show", "bin", "--store", uri);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("state (binary):\n  00000000  00 01 41 ff ").contains(" ..A.")
                .contains("node       (empty)", "parent     (none)", "metadata: (none)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void showOfAnUnknownCheckpointExitsWithNotFound(String kind) {
        String uri = seed(kind);

        Cli.Result r = cli.run("show", "missing", "--store", uri);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).isEqualTo("checkpointctl show: no checkpoint missing\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stats", "executions", "history e", "show c", "trim --keep 1 --all", "sweep"})
    void aSqliteFileThatDoesNotExistIsNotFoundAndNotCreated(String command) {
        Path missing = dir.resolve("typo.db");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
        args.addAll(java.util.List.of("--store", "sqlite:" + missing));

        Cli.Result r = cli.run(args.toArray(new String[0]));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.err()).isEqualTo("checkpointctl " + args.get(0) + ": no SQLite database at " + missing
                + " (store sqlite:" + missing + "); check --store or $CHECKPOINT_STORE\n");
        assertThat(missing).doesNotExist();
    }
}
