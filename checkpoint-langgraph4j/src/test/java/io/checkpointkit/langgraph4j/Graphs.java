package io.checkpointkit.langgraph4j;

import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.checkpoint.BaseCheckpointSaver;
import org.bsc.langgraph4j.serializer.StateSerializer;
import org.bsc.langgraph4j.serializer.plain_text.jackson.JacksonStateSerializer;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.Channel;
import org.bsc.langgraph4j.state.Channels;
import org.bsc.langgraph4j.state.StateSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.bsc.langgraph4j.StateGraph.END;
import static org.bsc.langgraph4j.StateGraph.START;
import static org.bsc.langgraph4j.action.AsyncEdgeAction.edge_async;
import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

/** Real LangGraph4j graphs for the tests: every node appends its name to the state's "steps". */
final class Graphs {

    static final String STEPS = "steps";

    private Graphs() {
    }

    /** One step of a thread's history, without the (random) checkpoint id. */
    record Step(String node, String next, Map<String, Object> state) {
        static Step of(StateSnapshot<AgentState> snapshot) {
            return new Step(snapshot.node(), snapshot.next(), snapshot.state().data());
        }
    }

    static Map<String, Channel<?>> schema() {
        return Map.of(STEPS, Channels.appenderWithDuplicate(ArrayList::new));
    }

    static StateSerializer<AgentState> json() {
        return new JacksonStateSerializer<AgentState>(AgentState::new) { };
    }

    /** START → nodes… → END. */
    static StateGraph<AgentState> linear(String... nodes) throws Exception {
        return linear(new StateGraph<>(schema(), AgentState::new), nodes);
    }

    static StateGraph<AgentState> linear(StateGraph<AgentState> graph, String... nodes) throws Exception {
        String previous = START;
        for (String node : nodes) {
            graph.addNode(node, node_async(state -> Map.of(STEPS, node)));
            graph.addEdge(previous, node);
            previous = node;
        }
        return graph.addEdge(previous, END);
    }

    /** "work" runs until the state holds {@code rounds} steps, then "done" ends the run. */
    static StateGraph<AgentState> loop(int rounds) throws Exception {
        return new StateGraph<>(schema(), AgentState::new)
                .addNode("work", node_async(state -> Map.of(STEPS, "work")))
                .addNode("done", node_async(state -> Map.of(STEPS, "done")))
                .addEdge(START, "work")
                .addConditionalEdges("work", edge_async(state -> steps(state).size() < rounds ? "work" : "done"),
                        Map.of("work", "work", "done", "done"))
                .addEdge("done", END);
    }

    /**
     * "work" appends the number of steps so far (0, 1, 2, …) until there are {@code rounds}, then
     * "done" ends the run. Each "work" first tells {@code onStep} how many steps the state holds,
     * which is how many of its checkpoints are known to be stored.
     */
    static StateGraph<AgentState> counting(int rounds, java.util.function.IntConsumer onStep) throws Exception {
        return new StateGraph<>(schema(), AgentState::new)
                .addNode("work", node_async(state -> {
                    onStep.accept(steps(state).size());
                    return Map.of(STEPS, steps(state).size());
                }))
                .addNode("done", node_async(state -> Map.of(STEPS, "done")))
                .addEdge(START, "work")
                .addConditionalEdges("work", edge_async(state -> steps(state).size() < rounds ? "work" : "done"),
                        Map.of("work", "work", "done", "done"))
                .addEdge("done", END);
    }

    /** START → a → sub (a compiled subgraph: x → y) → c → END. */
    static StateGraph<AgentState> withSubgraph(CompiledGraph<AgentState> subgraph) throws Exception {
        return new StateGraph<>(schema(), AgentState::new)
                .addNode("a", node_async(state -> Map.of(STEPS, "a")))
                .addNode("sub", subgraph)
                .addNode("c", node_async(state -> Map.of(STEPS, "c")))
                .addEdge(START, "a")
                .addEdge("a", "sub")
                .addEdge("sub", "c")
                .addEdge("c", END);
    }

    static CompiledGraph<AgentState> compile(StateGraph<AgentState> graph, BaseCheckpointSaver saver) throws Exception {
        return compile(graph, saver, UnaryOperator.identity());
    }

    static CompiledGraph<AgentState> compile(StateGraph<AgentState> graph, BaseCheckpointSaver saver,
            UnaryOperator<CompileConfig.Builder> options) throws Exception {
        // The loop graphs run longer than LangGraph4j's default recursion limit of 25.
        CompileConfig.Builder builder = CompileConfig.builder().checkpointSaver(saver).recursionLimit(1_000);
        return graph.compile(options.apply(builder).build());
    }

    static RunnableConfig thread(String threadId) {
        return RunnableConfig.builder().threadId(threadId).build();
    }

    static List<Step> history(CompiledGraph<AgentState> graph, RunnableConfig config) {
        return graph.getStateHistory(config).stream().map(Step::of).toList();
    }

    static List<Object> steps(AgentState state) {
        return state.<List<Object>>value(STEPS).orElse(List.of());
    }
}
