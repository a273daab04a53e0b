package io.checkpointkit.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The module as Boot finds it: the auto-configuration through
 * {@code AutoConfiguration.imports}, the failure analyzers through {@code spring.factories}.
 */
class RegistrationTest {

    @Test
    void aBootApplicationGetsTheStoreFromItsPropertiesAndClosesItOnExit() {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        CheckpointStore store;
        try (ConfigurableApplicationContext context = application.run("--checkpointkit.store.uri=memory:",
                "--spring.main.banner-mode=off")) {
            store = context.getBean(CheckpointStore.class);
            assertThat(store).isInstanceOf(ManagedCheckpointStore.class);
            store.save(Checkpoint.builder("exec-1").id("cp-1").build());
            assertThat(store.load("cp-1")).isPresent();
        }
        assertThatThrownBy(() -> store.load("cp-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bootsFailureAnalyzersExplainABadPropertyByName() {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        Throwable failure = null;
        try (ConfigurableApplicationContext context = application.run("--checkpointkit.store.uri=mongodb://db/x",
                "--spring.main.banner-mode=off", "--logging.level.root=off")) {
            assertThat(context).as("the application must not start").isNull();
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                // Boot's own analyzers that need a bean factory are skipped here.
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(), (type, name, e) -> { });
        assertThat(analyzers).extracting(a -> a.getClass().getSimpleName())
                .contains("CheckpointKitFailureAnalyzer", "StoreUnavailableFailureAnalyzer");
        Throwable cause = failure;
        FailureAnalysis analysis = analyzers.stream().map(a -> a.analyze(cause)).filter(Objects::nonNull)
                .findFirst().orElseThrow(() -> new AssertionError("no analyzer explains " + cause));
        assertThat(analysis.getDescription()).contains("'checkpointkit.store.uri'").contains("mongodb");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

}
