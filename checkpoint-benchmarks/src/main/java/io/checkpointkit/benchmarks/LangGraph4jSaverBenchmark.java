package io.checkpointkit.benchmarks;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.langgraph4j.CheckpointKitSaver;
import io.checkpointkit.memory.MemoryCheckpointStore;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;
import org.bsc.langgraph4j.checkpoint.Checkpoint;
import org.bsc.langgraph4j.checkpoint.FileSystemSaver;
import org.bsc.langgraph4j.checkpoint.MemorySaver;
import org.bsc.langgraph4j.serializer.StateSerializer;
import org.bsc.langgraph4j.serializer.plain_text.jackson.JacksonStateSerializer;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.Channel;
import org.bsc.langgraph4j.state.Channels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedList;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.bsc.langgraph4j.StateGraph.END;
import static org.bsc.langgraph4j.StateGraph.START;
import static org.bsc.langgraph4j.action.AsyncEdgeAction.edge_async;
import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

/**
 * Per-step cost of a LangGraph4j graph on a thread that already holds {@code history}
 * checkpoints: {@link CheckpointKitSaver} over the memory store and over SQLite (file, WAL,
 * {@code synchronous=NORMAL}) beside LangGraph4j's own {@link MemorySaver} and
 * {@link FileSystemSaver}.
 *
 * <p>One operation runs a looping graph for {@value #STEPS} steps (a "work" node that rewrites a
 * 512-byte JSON state, then "check"), continuing the thread from its latest checkpoint, so each step
 * is a node run plus a checkpoint put; the score is per step. Before each operation the thread is cut
 * back to {@code history} checkpoints (untimed), so every operation sees the history length of its
 * row. All graphs use LangGraph4j's Jackson serializer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LangGraph4jSaverBenchmark {

    static final int STEPS = 10;
    private static final String PAYLOAD = "x".repeat(480);

    @Param({"checkpointkit-memory", "checkpointkit-sqlite", "memorysaver", "filesystemsaver"})
    public String saver;

    @Param({"10", "100", "1000"})
    public int history;

    private Path directory;
    private CheckpointStore store;
    private BaseCheckpointSaver checkpointSaver;
    private CompiledGraph<AgentState> graph;
    private RunnableConfig thread;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        directory = Files.createTempDirectory("lg4j-bench");
        StateSerializer<AgentState> serializer = new JacksonStateSerializer<AgentState>(AgentState::new) { };
        checkpointSaver = switch (saver) {
            case "checkpointkit-memory" -> CheckpointKitSaver.of(store = MemoryCheckpointStore.create(), serializer);
            case "checkpointkit-sqlite" -> CheckpointKitSaver.of(
                    store = CheckpointStores.open("sqlite:" + directory.resolve("bench.db")), serializer);
            case "memorysaver" -> new TrimmableMemorySaver();
            case "filesystemsaver" -> new TrimmableFileSystemSaver(directory.resolve("fs"), serializer);
            default -> throw new IllegalArgumentException("unknown saver " + saver);
        };
        graph = loop(serializer).compile(CompileConfig.builder().checkpointSaver(checkpointSaver)
                .recursionLimit(10_000).build());
        thread = RunnableConfig.builder().threadId("bench-thread").build();
        while (checkpointSaver.list(thread).size() < history) {
            graph.invoke(Map.of("round", 0), thread);
        }
        cutBack();
    }

    /** Cuts the thread back to {@code history} checkpoints, dropping the oldest; not timed. */
    @Setup(Level.Invocation)
    public void cutBack() throws Exception {
        String threadId = thread.threadId().orElseThrow();
        if (store != null) {
            store.trim(threadId, history);
        } else if (checkpointSaver instanceof TrimmableMemorySaver memory) {
            memory.cutBack(threadId, history);
        } else {
            ((TrimmableFileSystemSaver) checkpointSaver).cutBack(thread, history);
        }
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object step() {
        return graph.invoke(Map.of("round", 0), thread);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (store != null) {
            store.close();
        }
        TempDirectories.delete(directory);
    }

    /** "work" bumps the round and rewrites the payload; it loops {@value #STEPS} times, then ends. */
    private static StateGraph<AgentState> loop(StateSerializer<AgentState> serializer) throws Exception {
        Map<String, Channel<?>> schema = Map.of("round", Channels.base(() -> 0), "payload", Channels.base(() -> ""));
        return new StateGraph<>(schema, serializer)
                .addNode("work", node_async(state -> {
                    int round = state.<Integer>value("round").orElse(0) + 1;
                    return Map.of("round", round, "payload", round + PAYLOAD);
                }))
                .addEdge(START, "work")
                .addConditionalEdges("work", edge_async(state ->
                        state.<Integer>value("round").orElse(0) < STEPS ? "work" : "end"), Map.of("work", "work", "end", END));
    }

    /** LangGraph4j's MemorySaver with a way to cut a thread back between operations. */
    static final class TrimmableMemorySaver extends MemorySaver {
        void cutBack(String threadId, int keep) {
            LinkedList<Checkpoint> checkpoints = cache().get(threadId); // the saver's own list, newest first
            while (checkpoints.size() > keep) {
                checkpoints.removeLast();
            }
        }
    }

    /** LangGraph4j's FileSystemSaver with a way to cut a thread's file back between operations. */
    static final class TrimmableFileSystemSaver extends FileSystemSaver {
        TrimmableFileSystemSaver(Path folder, StateSerializer<AgentState> serializer) {
            super(folder, serializer);
        }

        void cutBack(RunnableConfig config, int keep) {
            try {
                LinkedList<Checkpoint> checkpoints = loadCheckpoints(config);
                while (checkpoints.size() > keep) {
                    checkpoints.removeLast();
                }
                insertedCheckpoint(config, checkpoints, checkpoints.peek()); // rewrites the thread's file
            } catch (Exception e) {
                throw new UncheckedIOException(new IOException(e));
            }
        }
    }
}
