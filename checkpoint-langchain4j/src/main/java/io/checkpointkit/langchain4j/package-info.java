/**
 * LangChain4j's agentic module over any CheckpointKit store: the agentic scopes of agents and
 * workflows invoked with a memory id are saved, loaded, deleted and listed through a
 * {@link io.checkpointkit.CheckpointStore}, whichever backend it is.
 *
 * <p>Entry point: {@link io.checkpointkit.langchain4j.CheckpointKitAgenticScopeStore},
 * LangChain4j's {@code AgenticScopeStore}, made with {@code of(store)} or its builder and
 * registered with {@code AgenticScopePersister.setStore(...)}.
 */
package io.checkpointkit.langchain4j;
