package io.checkpointkit.langgraph4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import org.bsc.langgraph4j.GraphInput;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.state.AgentState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM runs a long graph on SQLite and is killed with SIGKILL mid-run; this JVM resumes the
 * thread from its last checkpoint and finishes it, with no step lost or done twice.
 */
class SqliteCrashTest {

    private static final int ROUNDS = 200;
    private static final int STEPS_BEFORE_KILL = 30;

    @TempDir
    Path directory;

    @Test
    void runKilledMidwayIsResumedFromItsLastCheckpointWithNothingDuplicated() throws Exception {
        Path database = directory.resolve("crash.db");
        String threadId = "crash-thread";
        int seenByChild = runChildAndKillIt(database, threadId);

        try (CheckpointStore store = CheckpointStores.open("sqlite:" + database)) {
            CheckpointKitSaver saver = CheckpointKitSaver.of(store, Graphs.linear("a").getStateSerializer());
            RunnableConfig config = Graphs.thread(threadId);
            int stored = Graphs.steps(new AgentState(saver.get(config).orElseThrow().getState())).size();
            assertThat(stored).as("steps in the last checkpoint the child left").isGreaterThanOrEqualTo(seenByChild);

            AgentState result = Graphs.compile(Graphs.counting(ROUNDS, step -> { }), saver,
                    o -> o.recursionLimit(100_000)).invoke(GraphInput.resume(), config).orElseThrow();

            List<Object> expected = new ArrayList<>(IntStream.range(0, ROUNDS).boxed().toList());
            expected.add("done");
            assertThat(Graphs.steps(result)).isEqualTo(expected);
            // One checkpoint per step, in order, none twice: the start, each "work", "done".
            List<io.checkpointkit.Checkpoint> history = store.list(threadId);
            assertThat(history).hasSize(ROUNDS + 2);
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).parentId()).isEqualTo(history.get(i - 1).id());
            }
        }
    }

    /** Returns how many steps the child had reported when it was killed. */
    private int runChildAndKillIt(Path database, String threadId) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SqliteCrashChild.class.getName(),
                database.toString(), threadId, Integer.toString(ROUNDS))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int last = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                assertThat(line).as("the child finished before it was killed").isNotEqualTo("finished");
                last = Integer.parseInt(line.trim());
                if (last >= STEPS_BEFORE_KILL) {
                    child.toHandle().destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no close
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(last).as("steps the child reported before it was killed").isGreaterThanOrEqualTo(STEPS_BEFORE_KILL);
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return last;
    }
}
