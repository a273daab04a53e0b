package io.checkpointkit.koog;

import ai.koog.agents.core.agent.AIAgent;
import ai.koog.agents.core.agent.entity.AIAgentGraphStrategy;
import ai.koog.agents.core.agent.entity.AIAgentNode;
import ai.koog.agents.snapshot.feature.Persistence;
import ai.koog.prompt.executor.llms.MultiLLMPromptExecutor;
import ai.koog.prompt.executor.ollama.client.OllamaModels;
import ai.koog.agents.snapshot.providers.PersistenceStorageProvider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Koog graph agent, draft → review → send, with Koog's Persistence feature installed over a
 * given provider. No model: the nodes are plain Java and the prompt executor has no model client (it is
 * never called). While {@link #failInReview} is set, the review node throws, as a process that dies there.
 */
final class CheckoutAgent {

    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    volatile boolean failInReview = true;

    AIAgent<String, String> over(PersistenceStorageProvider<?> provider) {
        return AIAgent.builder()
                .graphStrategy(strategy())
                .promptExecutor(new MultiLLMPromptExecutor(List.of()))
                .llmModel(OllamaModels.Meta.LLAMA_3_2)
                .install(Persistence.Feature, config -> config.setStorage(provider))
                .build();
    }

    int runsOf(String node) {
        AtomicInteger count = runs.get(node);
        return count == null ? 0 : count.get();
    }

    private AIAgentGraphStrategy<String, String> strategy() {
        var builder = AIAgentGraphStrategy.builder("checkout").withInput(String.class).withOutput(String.class);
        AIAgentNode<String, String> draft = node("draft", false);
        AIAgentNode<String, String> review = node("review", true);
        AIAgentNode<String, String> send = node("send", false);
        return builder
                .edge(builder.nodeStart, draft)
                .edge(draft, review)
                .edge(review, send)
                .edge(send, builder.nodeFinish)
                .build();
    }

    private AIAgentNode<String, String> node(String name, boolean mayFail) {
        return AIAgentNode.builder(name).withInput(String.class).withOutput(String.class)
                .withAction((input, context) -> {
                    runs.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                    if (mayFail && failInReview) {
                        throw new IllegalStateException("the process dies in " + name);
                    }
                    return input + ">" + name;
                })
                .build();
    }
}
