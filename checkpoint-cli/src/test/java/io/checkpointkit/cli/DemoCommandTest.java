package io.checkpointkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.JsonStateCodec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo in-process, with the JVM halt replaced by a recorder. The real crash, a halted JVM
 * and a resume in a new one, is {@link DemoCrashSubprocessTest}.
 */
class DemoCommandTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private List<Checkpoint> stored(String uri, String executionId) {
        try (CheckpointStore store = cli.open(uri)) {
            return store.list(executionId);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void demoRunsToTheEndKeepingTheLatestTenAndThePinnedStart(String kind) {
        String uri = StoreKinds.uri(kind, dir);

        Cli.Result r = cli.run("demo", "--store", uri);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("starting execution demo-agent: 16 steps")
                .containsPattern("16\\s+review\\s+demo-agent:step-016")
                .contains("finished execution demo-agent: step 16 of 16, 16 checkpoints saved in this run,"
                        + " 6 removed by auto-trim, 11 stored (the latest 10 + 1 pinned)");
        List<Checkpoint> stored = stored(uri, "demo-agent");
        assertThat(stored).hasSize(11);
        assertThat(stored.get(0).id()).isEqualTo("demo-agent:step-000");
        assertThat(stored.get(0).pinned()).isTrue();
        assertThat(stored.get(1).id()).isEqualTo("demo-agent:step-007");
        AgentState last = JsonStateCodec.of(AgentState.class).decode(stored.get(10));
        assertThat(last.step()).isEqualTo(16);
        assertThat(last.notes()).hasSize(17);
        assertThat(last.visits()).containsEntry("plan", 4).containsEntry("review", 4);
        assertThat(stored.get(10).stateSize()).isGreaterThan(stored.get(5).stateSize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void crashAfterHaltsMidRunAndTheNextRunResumesFromTheLatestCheckpoint(String kind) {
        String uri = StoreKinds.uri(kind, dir);

        Cli.Result crashed = cli.run("demo", "--store", uri, "--steps", "12", "--crash-after", "5");

        assertThat(cli.halts).containsExactly(ExitCodes.SIMULATED_CRASH);
        assertThat(crashed.exitCode()).isEqualTo(ExitCodes.SIMULATED_CRASH);
        assertThat(crashed.err()).contains("simulated crash after 5 checkpoints");
        assertThat(stored(uri, "demo-agent")).extracting(Checkpoint::id).last().isEqualTo("demo-agent:step-005");

        Cli.Result resumed = cli.run("demo", "--store", uri);

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("resuming execution demo-agent from step 5 of 12 (checkpoint demo-agent:step-005)")
                .containsPattern("\n\\s+6\\s+research\\s+demo-agent:step-006")
                .doesNotContain("step-005  ")
                .contains("step 12 of 12, 7 checkpoints saved in this run");
        List<Checkpoint> stored = stored(uri, "demo-agent");
        assertThat(stored).hasSize(11);
        assertThat(stored.get(stored.size() - 1).parentId()).isEqualTo("demo-agent:step-011");
        assertThat(JsonStateCodec.of(AgentState.class).decode(stored.get(stored.size() - 1)).notes()).hasSize(13);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void aFinishedRunStartsOverAndFreshForcesIt(String kind) {
        String uri = StoreKinds.uri(kind, dir);
        cli.run("demo", "--store", uri, "--steps", "3", "--execution", StoreKinds.HOSTILE);

        Cli.Result again = cli.run("demo", "--store", uri, "--steps", "3", "--execution", StoreKinds.HOSTILE);
        assertThat(again.out()).contains("finished earlier; starting over (cleared 4 old checkpoints)");

        cli.run("demo", "--store", uri, "--steps", "3", "--execution", StoreKinds.HOSTILE, "--crash-after", "1");
        Cli.Result fresh = cli.run("demo", "--store", uri, "--steps", "3", "--execution", StoreKinds.HOSTILE, "--fresh");
        assertThat(fresh.out()).contains("starting execution " + StoreKinds.HOSTILE).contains("(cleared 2 old checkpoints)");
        assertThat(stored(uri, StoreKinds.HOSTILE)).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "sqlite"})
    void badArgumentsFailBeforeAnyWrite(String kind) {
        String uri = StoreKinds.uri(kind, dir);

        Cli.Result r = cli.run("demo", "--store", uri, "--steps", "0");
        Cli.Result longId = cli.run("demo", "--store", uri, "--execution", "x".repeat(500));

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("checkpointctl demo: --steps must be between 1 and 10000, was 0\n");
        assertThat(longId.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(stored(uri, "demo-agent")).isEmpty();
    }
}
