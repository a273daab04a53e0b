package io.checkpointkit.langchain4j;

import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.V;

/**
 * A real LangChain4j agentic workflow made of plain Java agents (no model): a sequence that appends
 * the item it is given to a log kept in the agentic scope and counts its runs. Invoked with a memory
 * id, LangChain4j persists the scope after each run through the registered {@code AgenticScopeStore},
 * and a workflow built later (a "restarted" process) reads it back on its first invocation.
 */
final class Workflows {

    /** The name of the workflow agent. */
    static final String AGENT_NAME = "journal";

    private Workflows() {
    }

    /** The workflow's typed entry point. */
    public interface Journal {

        /** Appends {@code item} to the scope's log and returns the log. */
        @Agent(name = AGENT_NAME, description = "keeps a journal of items")
        String record(@MemoryId Object journalId, @V("item") String item);
    }

    /** Appends the item to the log. */
    public static final class Appender {

        /** The log so far followed by the item. */
        @Agent(outputKey = "log", description = "appends an item to the log")
        public String append(@V("log") String log, @V("item") String item) {
            return log.isEmpty() ? item : log + "," + item;
        }
    }

    /** Counts the runs. */
    public static final class Counter {

        /** One more than the runs so far. */
        @Agent(outputKey = "runs", description = "counts the runs")
        public Integer count(@V("runs") Integer runs) {
            return runs + 1;
        }
    }

    /**
     * A new journal workflow. Its scope registry takes the store registered with
     * {@code AgenticScopePersister.setStore} at this moment.
     */
    static Journal journal() {
        return AgenticServices.sequenceBuilder(Journal.class)
                .name(AGENT_NAME)
                .beforeCall(scope -> {
                    scope.writeStateIfAbsent("log", "");
                    scope.writeStateIfAbsent("runs", 0);
                })
                .subAgents(new Appender(), new Counter())
                .outputKey("log")
                .build();
    }
}
