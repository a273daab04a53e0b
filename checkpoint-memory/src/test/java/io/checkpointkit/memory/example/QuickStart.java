package io.checkpointkit.memory.example;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointQuery;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.JsonStateCodec;
import io.checkpointkit.StateCodec;

import java.util.List;

/**
 * The root README's quick start as a program: opens a store by URI, saves the checkpoints of one
 * execution, then loads, lists, finds the latest and trims. Run from the repository root:
 *
 * <pre>
 * mvn -B -q -pl checkpoint-memory -am test-compile exec:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=io.checkpointkit.memory.example.QuickStart
 * </pre>
 *
 * Pass another store URI as the first argument (for example {@code sqlite:./demo.db}) when its
 * module is on the class path.
 */
public final class QuickStart {

    /** The typed state of the example: where a plan is, and what it has done. */
    public record PlanState(int step, List<String> done) {
    }

    private QuickStart() {
    }

    /**
     * Runs the example.
     *
     * @param args optionally the store URI; default {@code memory:}
     */
    public static void main(String[] args) {
        String uri = args.length > 0 ? args[0] : "memory:";
        StateCodec<PlanState> codec = JsonStateCodec.of(PlanState.class);
        try (CheckpointStore store = CheckpointStores.open(uri)) {
            String executionId = "demo-run-1";
            Checkpoint previous = null;
            for (int step = 1; step <= 5; step++) {
                PlanState state = new PlanState(step, List.of("step " + step));
                Checkpoint.Builder next = Checkpoint.builder(executionId)
                        .nodeName(step % 2 == 0 ? "act" : "plan")
                        .state(codec.encode(state))
                        .putMetadata("step", String.valueOf(step))
                        .pinned(step == 1);
                if (previous != null) {
                    next.parentId(previous.id());
                }
                previous = store.save(next.build());
            }
            System.out.println("saved 5 checkpoints of " + executionId + " in " + uri);

            Checkpoint latest = store.latest(executionId).orElseThrow();
            System.out.println("latest: node=" + latest.nodeName() + " state=" + codec.decode(latest));
            System.out.println("load by id: " + store.load(latest.id()).map(Checkpoint::toString).orElse("absent"));

            List<Checkpoint> newestTwo = store.list(executionId,
                    CheckpointQuery.builder().newestFirst(true).limit(2).build());
            System.out.println("newest two: " + newestTwo.stream().map(c -> c.metadata().get("step")).toList());

            int removed = store.trim(executionId, 2);
            System.out.println("trim(keepLatest=2) removed " + removed + "; left (pinned step 1 kept): "
                    + store.list(executionId).stream().map(c -> c.metadata().get("step")).toList());
            System.out.println("executions: " + store.executions(null, 10).items());
        }
    }
}
