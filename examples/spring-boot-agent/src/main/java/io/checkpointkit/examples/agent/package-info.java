/**
 * An example Spring Boot application, not published: a LangGraph4j graph whose checkpoints
 * CheckpointKit keeps in the store its starter configures.
 */
package io.checkpointkit.examples.agent;
