package io.checkpointkit.springboot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Boot's start-up report for a bad {@code checkpointkit.*} value: names the property, says what
 * is wrong with it and where every property and its default is listed. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class CheckpointKitFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCheckpointKitPropertyException> {

    /** Called by Spring Boot. */
    public CheckpointKitFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCheckpointKitPropertyException cause) {
        return new FailureAnalysis(
                "CheckpointKit could not create its CheckpointStore: the property '" + cause.property()
                        + "' is invalid.\n\nReason: " + cause.getMessage(),
                "Change '" + cause.property() + "' in your application properties. Every checkpointkit.*"
                        + " property and its default is listed in the README of"
                        + " checkpoint-spring-boot-autoconfigure.",
                cause);
    }
}
