package io.checkpointkit.springboot.autoconfigure;

import io.checkpointkit.CheckpointStore;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * Shared by the tests: a context runner with the auto-configuration, and a health probe that
 * works on Boot 3 and Boot 4 (whose HealthIndicator types differ), so the same tests run in the
 * Boot 4 build (compat-boot4).
 */
final class Contexts {

    private Contexts() {
    }

    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CheckpointKitAutoConfiguration.class));
    }

    /** A memory store, so a test opens nothing on disk. */
    static ApplicationContextRunner memoryRunner() {
        return runner().withPropertyValues("checkpointkit.store.uri=memory:");
    }

    static ManagedCheckpointStore managed(ApplicationContext context) {
        return (ManagedCheckpointStore) context.getBean(CheckpointStore.class);
    }

    /** A fresh name for a table or key prefix of one test. */
    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The status code and details of the checkpointStore health indicator. */
    record HealthReport(String status, Map<String, Object> details) {
    }

    @SuppressWarnings("unchecked")
    static HealthReport health(ApplicationContext context) {
        Object indicator = context.getBean(CheckpointKitAutoConfiguration.HEALTH_INDICATOR_NAME);
        try {
            Method healthMethod = indicator.getClass().getMethod("health");
            healthMethod.setAccessible(true);
            Object health = healthMethod.invoke(indicator);
            Object status = health.getClass().getMethod("getStatus").invoke(health);
            String code = (String) status.getClass().getMethod("getCode").invoke(status);
            Map<String, Object> details = (Map<String, Object>) health.getClass().getMethod("getDetails").invoke(health);
            return new HealthReport(code, details);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot call the health indicator " + indicator, e);
        }
    }
}
