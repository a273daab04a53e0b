package io.checkpointkit.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of the demo's simulated agent, stored as JSON through
 * {@link io.checkpointkit.JsonStateCodec}. It grows with every step: one note per step and a
 * visit count per node.
 *
 * @param step the last step done; 0 before the first
 * @param totalSteps the step at which the run is finished
 * @param notes what each step produced, oldest first
 * @param visits how often each node ran
 */
record AgentState(int step, int totalSteps, List<String> notes, Map<String, Integer> visits) {

    AgentState {
        notes = List.copyOf(notes);
        visits = Collections.unmodifiableMap(new LinkedHashMap<>(visits));
    }

    private static final int NODE_COUNT = 4;

    static AgentState start(int totalSteps) {
        return new AgentState(0, totalSteps, List.of("task: summarise the quarterly report"), Map.of());
    }

    boolean finished() {
        return step >= totalSteps;
    }

    /** The state after {@code node} ran as the next step. */
    AgentState next(String node) {
        int nextStep = step + 1;
        List<String> nextNotes = new ArrayList<>(notes);
        nextNotes.add("step " + nextStep + " (" + node + "): " + work(node, nextStep));
        Map<String, Integer> nextVisits = new LinkedHashMap<>(visits);
        nextVisits.merge(node, 1, Integer::sum);
        return new AgentState(nextStep, totalSteps, nextNotes, nextVisits);
    }

    private static String work(String node, int step) {
        switch (node) {
            case "plan": return "planned section " + (step / NODE_COUNT + 1) + " of the summary";
            case "research": return "found " + (step * 3 % 7 + 1) + " sources on revenue, costs and risks";
            case "write": return "drafted " + (step * 120) + " words";
            default: return step % 2 == 0 ? "approved the draft" : "asked for a clearer summary";
        }
    }
}
