package io.checkpointkit.examples.agent;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.langgraph4j.CheckpointKitSaver;
import org.bsc.langgraph4j.CompileConfig;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphStateException;
import org.bsc.langgraph4j.StateGraph;
import org.bsc.langgraph4j.serializer.StateSerializer;
import org.bsc.langgraph4j.serializer.plain_text.jackson.JacksonStateSerializer;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.Channels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bsc.langgraph4j.StateGraph.END;
import static org.bsc.langgraph4j.StateGraph.START;
import static org.bsc.langgraph4j.action.AsyncNodeAction.node_async;

/**
 * The graph, without a model so that it runs anywhere: {@code triage → draft → send}, stopping
 * before {@code send} until a person approves. Each node appends a line to the state's
 * {@value #STEPS}; the saver is a {@link CheckpointKitSaver} over the application's
 * {@link CheckpointStore} bean, and the state is stored as JSON (Jackson, not Java serialization).
 */
@Configuration(proxyBeanMethods = false)
public class ReplyGraphConfiguration {

    /** The state key holding what the nodes did, in order. */
    public static final String STEPS = "steps";
    /** The state key holding the question the run answers. */
    public static final String QUESTION = "question";
    /** The node the graph stops before, until the run is resumed. */
    public static final String APPROVAL_NODE = "send";

    /**
     * The LangGraph4j checkpoint saver over the store the starter made. The saver never closes
     * the store: the application context does, on shutdown.
     *
     * @param store the starter's store
     * @return the saver
     */
    @Bean
    CheckpointKitSaver checkpointSaver(CheckpointStore store) {
        return CheckpointKitSaver.of(store, serializer());
    }

    /**
     * The compiled graph, checkpointing every step through the saver.
     *
     * @param saver the saver
     * @return the graph
     * @throws GraphStateException if the graph is malformed (it is not)
     */
    @Bean
    CompiledGraph<AgentState> replyGraph(CheckpointKitSaver saver) throws GraphStateException {
        StateGraph<AgentState> graph = new StateGraph<>(
                Map.of(STEPS, Channels.appenderWithDuplicate(ArrayList::new)), serializer())
                .addNode("triage", node_async(state -> Map.of(STEPS, "triage: " + question(state))))
                .addNode("draft", node_async(state -> Map.of(STEPS, "draft: an answer to " + question(state))))
                .addNode(APPROVAL_NODE, node_async(state -> Map.of(STEPS, "send: approved and sent")))
                .addEdge(START, "triage")
                .addEdge("triage", "draft")
                .addEdge("draft", APPROVAL_NODE)
                .addEdge(APPROVAL_NODE, END);
        return graph.compile(CompileConfig.builder()
                .checkpointSaver(saver)
                .interruptBefore(APPROVAL_NODE)
                .build());
    }

    /** What the nodes did so far. */
    static List<Object> steps(AgentState state) {
        return state.<List<Object>>value(STEPS).orElse(List.of());
    }

    private static String question(AgentState state) {
        return state.<String>value(QUESTION).orElse("(no question)");
    }

    private static StateSerializer<AgentState> serializer() {
        return new JacksonStateSerializer<AgentState>(AgentState::new) { };
    }
}
