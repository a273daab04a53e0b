package io.checkpointkit.langgraph4j;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.state.AgentState;

import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link SqliteCrashTest}: runs a long counting graph on SQLite, printing each step
 * (after the step before it was checkpointed) and pausing a little, until the parent kills it.
 * Arguments: the database file, the thread id, the number of rounds.
 */
public final class SqliteCrashChild {

    private SqliteCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        try (CheckpointStore store = CheckpointStores.open("sqlite:" + args[0])) {
            CheckpointKitSaver saver = CheckpointKitSaver.of(store, Graphs.linear("a").getStateSerializer());
            CompiledGraph<AgentState> graph = Graphs.compile(Graphs.counting(Integer.parseInt(args[2]), step -> {
                System.out.println(step);
                System.out.flush();
                LockSupport.parkNanos(5_000_000);
            }), saver, o -> o.recursionLimit(100_000));
            graph.invoke(Map.of(), Graphs.thread(args[1]));
        }
        System.out.println("finished");
    }
}
