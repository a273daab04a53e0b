package io.checkpointkit.springboot.autoconfigure;

import io.checkpointkit.CheckpointStoreUnavailableException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Boot's start-up report when the store's server does not answer at start-up and
 * {@code checkpointkit.store.fail-fast} is true (the default). Registered in
 * {@code META-INF/spring.factories}; the library's message masks passwords.
 */
public final class StoreUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<CheckpointStoreUnavailableException> {

    /** Called by Spring Boot. */
    public StoreUnavailableFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CheckpointStoreUnavailableException cause) {
        return new FailureAnalysis(
                "CheckpointKit could not reach the store of 'checkpointkit.store.uri' at start-up.\n\nReason: "
                        + cause.getMessage(),
                "Start the server or correct 'checkpointkit.store.uri' (and 'checkpointkit.store.options.*'),"
                        + " or set 'checkpointkit.store.fail-fast=false' to start without it: the store then"
                        + " connects once the server answers and health reports DOWN until then.",
                cause);
    }
}
