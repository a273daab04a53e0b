package io.checkpointkit.examples.agent;

import io.checkpointkit.CheckpointStore;
import org.bsc.langgraph4j.CompiledGraph;
import org.bsc.langgraph4j.GraphInput;
import org.bsc.langgraph4j.RunnableConfig;
import org.bsc.langgraph4j.state.AgentState;
import org.bsc.langgraph4j.state.StateSnapshot;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The graph over HTTP, one LangGraph4j thread per path:
 * <ul>
 *   <li>{@code POST /threads/{threadId}?question=…} starts a run; it stops before {@code send};</li>
 *   <li>{@code POST /threads/{threadId}/resume} approves and finishes it, from its last checkpoint;</li>
 *   <li>{@code GET /threads/{threadId}} shows where it is.</li>
 * </ul>
 * Each answers a {@link ThreadView}; an unknown thread is 404, a thread id CheckpointKit refuses
 * (empty, over 512 characters, a control character) is 400, resuming a finished run is 409.
 */
@RestController
@RequestMapping("/threads")
public class ThreadController {

    private final CompiledGraph<AgentState> graph;
    private final CheckpointStore store;

    ThreadController(CompiledGraph<AgentState> graph, CheckpointStore store) {
        this.graph = graph;
        this.store = store;
    }

    /** Where a thread is: what its nodes did, the node it waits before, and its checkpoint count. */
    public record ThreadView(String threadId, List<Object> steps, String waitingBefore, boolean done, int checkpoints) {
    }

    @PostMapping("/{threadId}")
    ThreadView start(@PathVariable("threadId") String threadId, @RequestParam(name = "question", defaultValue = "where is my order?") String question)
            throws Exception {
        graph.invoke(Map.of(ReplyGraphConfiguration.QUESTION, question), thread(threadId));
        return view(threadId).orElseThrow();
    }

    @PostMapping("/{threadId}/resume")
    ResponseEntity<ThreadView> resume(@PathVariable("threadId") String threadId) throws Exception {
        Optional<ThreadView> current = view(threadId);
        if (current.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        if (current.get().done()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(current.get());
        }
        graph.invoke(GraphInput.resume(), thread(threadId));
        return ResponseEntity.ok(view(threadId).orElseThrow());
    }

    @GetMapping("/{threadId}")
    ResponseEntity<ThreadView> show(@PathVariable("threadId") String threadId) throws Exception {
        return ResponseEntity.of(view(threadId));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badThreadId(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
    }

    private Optional<ThreadView> view(String threadId) throws Exception {
        Optional<StateSnapshot<AgentState>> snapshot = graph.stateOf(thread(threadId));
        return snapshot.map(s -> {
            boolean done = s.next() == null || s.next().equals(org.bsc.langgraph4j.StateGraph.END);
            return new ThreadView(threadId, ReplyGraphConfiguration.steps(s.state()), done ? null : s.next(), done,
                    store.list(threadId).size());
        });
    }

    private static RunnableConfig thread(String threadId) {
        return RunnableConfig.builder().threadId(threadId).build();
    }
}
