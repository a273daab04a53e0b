/**
 * LangGraph4j over any CheckpointKit store: the graph's checkpoints are saved, listed and
 * released through a {@link io.checkpointkit.CheckpointStore}, whichever backend it is.
 *
 * <p>Entry point: {@link io.checkpointkit.langgraph4j.CheckpointKitSaver}, LangGraph4j's
 * {@code BaseCheckpointSaver}, made with {@code of(store, serializer)} or its builder;
 * {@link io.checkpointkit.langgraph4j.ReleaseMode} says what releasing a thread does.
 */
package io.checkpointkit.langgraph4j;
