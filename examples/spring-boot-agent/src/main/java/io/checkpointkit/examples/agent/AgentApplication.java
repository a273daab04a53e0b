package io.checkpointkit.examples.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that runs a small LangGraph4j graph per thread over HTTP and keeps
 * its checkpoints in the {@code CheckpointStore} that CheckpointKit's starter makes from
 * {@code checkpointkit.store.uri} (SQLite by default): a run stops for approval, and resumes
 * later, in this process or in a new one.
 */
@SpringBootApplication
public class AgentApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot's command line, for example {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(AgentApplication.class, args);
    }
}
