package io.checkpointkit.springboot.autoconfigure;

import io.checkpointkit.CheckpointStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the {@code checkpointStore} health indicator reports, independent of the Boot version
 * (Boot 3 and Boot 4 have their own HealthIndicator types; each adapter turns this into its own
 * Health). UP when the backend answers a read of one checkpoint; DOWN, with the error, when it
 * does not or is not connected yet. Details: {@code backend} (the scheme), {@code uri} (password
 * masked), {@code connected}, {@code circuitBreaker} (its state, when enabled). Never a password:
 * the URI is redacted and only the library's exception messages, which mask passwords, are shown.
 */
final class CheckpointStoreHealth {

    /** The id read to probe the backend; no checkpoint needs to have it. */
    static final String PROBE_ID = "checkpointkit-health-probe";

    private final CheckpointStore store;

    CheckpointStoreHealth(CheckpointStore store) {
        this.store = store;
    }

    /** One health check. */
    record Report(boolean up, Map<String, Object> details) {
    }

    Report check() {
        Map<String, Object> details = new LinkedHashMap<>();
        CheckpointStore probe;
        if (store instanceof ManagedCheckpointStore) {
            ManagedCheckpointStore managed = (ManagedCheckpointStore) store;
            details.put("backend", managed.scheme());
            details.put("uri", managed.redactedUri());
            managed.breaker().ifPresent(b -> details.put("circuitBreaker", b.state().name()));
            Optional<CheckpointStore> backend;
            try {
                backend = managed.connection().tryConnect();
            } catch (RuntimeException e) {
                details.put("connected", false);
                details.put("error", describe(e));
                return new Report(false, details);
            }
            details.put("connected", backend.isPresent());
            if (backend.isEmpty()) {
                details.put("error", "not connected yet (checkpointkit.store.fail-fast=false)");
                return new Report(false, details);
            }
            probe = backend.get();
        } else {
            details.put("store", store.getClass().getName());
            probe = store;
        }
        try {
            probe.load(PROBE_ID);
            return new Report(true, details);
        } catch (RuntimeException e) {
            details.put("error", describe(e));
            return new Report(false, details);
        }
    }

    private static String describe(RuntimeException e) {
        return e.getClass().getName() + ": " + e.getMessage();
    }
}
