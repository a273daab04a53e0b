package io.checkpointkit.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.CheckpointStores;
import io.checkpointkit.sqlite.SqliteCheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code checkpointkit.store.*}: the bean, its URI and options, user overrides, bad values, shutdown. */
class StoreAutoConfigurationTest {

    @Test
    void theDefaultUriIsAnSqliteFileInTheWorkingDirectory() {
        assertThat(new CheckpointKitProperties().getStore().getUri()).isEqualTo("sqlite:./checkpointkit.db");
        assertThat(new CheckpointKitProperties().getStore().isFailFast()).isTrue();
    }

    @Test
    void theStoreIsOpenedFromTheUriAndSavesAndReads(@TempDir Path dir) {
        Path file = dir.resolve("app.db");
        Contexts.runner().withPropertyValues("checkpointkit.store.uri=sqlite:" + file).run(context -> {
            CheckpointStore store = context.getBean(CheckpointStore.class);
            Checkpoint saved = store.save(Checkpoint.builder("exec-1").id("cp-1").state(new byte[] {1, 2}).build());
            assertThat(store.load("cp-1")).contains(saved);
            assertThat(Contexts.managed(context).connection().tryConnect()).get()
                    .isInstanceOf(SqliteCheckpointStore.class);
            assertThat(Files.exists(file)).isTrue();
        });
    }

    @Test
    void optionsAreAddedToTheUrisQueryAndWinOverIt(@TempDir Path dir) {
        // layout=per-execution keeps one file per execution in a directory, instead of one file.
        Path root = dir.resolve("executions");
        Contexts.runner()
                .withPropertyValues("checkpointkit.store.uri=sqlite:" + root + "?layout=single",
                        "checkpointkit.store.options.layout=per-execution")
                .run(context -> {
                    context.getBean(CheckpointStore.class).save(Checkpoint.builder("exec-1").build());
                    assertThat(root).isDirectory();
                });
    }

    @Test
    void anUnknownSchemeStopsStartUpNamingThePropertyAndTheSchemesThereAre() {
        Contexts.runner().withPropertyValues("checkpointkit.store.uri=mongodb://localhost/x").run(context -> {
            InvalidCheckpointKitPropertyException failure = rootCause(context.getStartupFailure(),
                    InvalidCheckpointKitPropertyException.class);
            assertThat(failure.property()).isEqualTo("checkpointkit.store.uri");
            assertThat(failure.getMessage()).contains("mongodb").contains(CheckpointStores.schemes().toString())
                    .contains("spring-datasource");
            FailureAnalysis analysis = new CheckpointKitFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("'checkpointkit.store.uri'").contains("mongodb");
            assertThat(analysis.getAction()).contains("checkpointkit.store.uri");
        });
    }

    @Test
    void anOptionTheBackendRejectsStopsStartUpNamingTheOptionsAndNoPassword() {
        Contexts.runner()
                .withPropertyValues("checkpointkit.store.uri=postgresql://app:pw-in-uri@127.0.0.1:1/db",
                        "checkpointkit.store.options.poolSize=many",
                        "checkpointkit.store.options.password=pw-in-options")
                .run(context -> {
                    InvalidCheckpointKitPropertyException failure = rootCause(context.getStartupFailure(),
                            InvalidCheckpointKitPropertyException.class);
                    assertThat(failure.property()).contains("checkpointkit.store.options");
                    assertThat(failure.getMessage()).contains("poolSize")
                            .doesNotContain("pw-in-uri").doesNotContain("pw-in-options");
                });
    }

    @Test
    void aBadDurationStopsStartUpNamingTheProperty() {
        Contexts.memoryRunner().withPropertyValues("checkpointkit.store.shutdown-timeout=soon").run(context -> {
            BindException failure = rootCause(context.getStartupFailure(), BindException.class);
            assertThat(failure.getMessage()).contains("checkpointkit.store.shutdown-timeout");
        });
        Contexts.memoryRunner().withPropertyValues("checkpointkit.store.shutdown-timeout=-1s").run(context ->
                assertThat(rootCause(context.getStartupFailure(), InvalidCheckpointKitPropertyException.class)
                        .property()).isEqualTo("checkpointkit.store.shutdown-timeout"));
    }

    @Test
    void anEmptyUriStopsStartUp() {
        Contexts.runner().withPropertyValues("checkpointkit.store.uri= ").run(context ->
                assertThat(rootCause(context.getStartupFailure(), InvalidCheckpointKitPropertyException.class)
                        .property()).isEqualTo("checkpointkit.store.uri"));
    }

    @Test
    void theApplicationsOwnStoreWinsAndNothingIsOpened() {
        Contexts.runner()
                .withPropertyValues("checkpointkit.store.uri=nosuchscheme:x")
                .withUserConfiguration(OwnStore.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(CheckpointStore.class)).isSameAs(context.getBean("myStore"));
                    assertThat(context).doesNotHaveBean(ManagedCheckpointStore.class);
                });
    }

    @Test
    void closingTheContextClosesTheStoreAndItsBackend() {
        CheckpointStore[] seen = new CheckpointStore[2];
        Contexts.memoryRunner().run(context -> {
            seen[0] = context.getBean(CheckpointStore.class);
            seen[1] = Contexts.managed(context).connection().tryConnect().orElseThrow();
            seen[0].save(Checkpoint.builder("exec-1").build());
        });
        assertThatThrownBy(() -> seen[0].list("exec-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> seen[1].list("exec-1")).isInstanceOf(IllegalStateException.class);
    }

    static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
        assertThat(failure).as("start-up failure").isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the causes of " + failure, failure);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        @Bean
        CheckpointStore myStore() {
            return CheckpointStores.open("memory:");
        }
    }
}
