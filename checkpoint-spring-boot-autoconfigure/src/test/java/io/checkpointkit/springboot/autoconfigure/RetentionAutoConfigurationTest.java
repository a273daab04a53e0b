package io.checkpointkit.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkpointkit.Checkpoint;
import io.checkpointkit.CheckpointStore;
import io.checkpointkit.retention.RetentionSweeper;
import io.checkpointkit.retention.SweepSummary;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code checkpointkit.retention.*}: a RetentionSweeper bean, off by default. */
class RetentionAutoConfigurationTest {

    @Test
    void thereIsNoSweeperByDefault() {
        Contexts.memoryRunner().run(context -> assertThat(context).doesNotHaveBean(RetentionSweeper.class));
    }

    @Test
    void theSweeperAppliesThePolicyOfTheProperties() {
        Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.retention.enabled=true", "checkpointkit.retention.keep-latest=2",
                        "checkpointkit.retention.clear-idle-after=7d", "checkpointkit.retention.interval=1h",
                        "checkpointkit.retention.page-size=10")
                .run(context -> {
                    RetentionSweeper sweeper = context.getBean(RetentionSweeper.class);
                    assertThat(sweeper.policy().keepLatestCount()).hasValue(2);
                    assertThat(sweeper.policy().maxIdle()).contains(Duration.ofDays(7));
                    CheckpointStore store = context.getBean(CheckpointStore.class);
                    for (int i = 0; i < 5; i++) {
                        store.save(Checkpoint.builder("exec-1").build());
                    }
                    SweepSummary summary = sweeper.sweepOnce();
                    assertThat(summary.complete()).isTrue();
                    assertThat(store.list("exec-1")).hasSize(2);
                });
    }

    @Test
    void aDryRunRemovesNothing() {
        Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.retention.enabled=true", "checkpointkit.retention.keep-latest=1",
                        "checkpointkit.retention.dry-run=true")
                .run(context -> {
                    CheckpointStore store = context.getBean(CheckpointStore.class);
                    store.save(Checkpoint.builder("exec-1").build());
                    store.save(Checkpoint.builder("exec-1").build());
                    context.getBean(RetentionSweeper.class).sweepOnce();
                    assertThat(store.list("exec-1")).hasSize(2);
                });
    }

    @Test
    void theSweeperIsClosedWithTheContext() {
        RetentionSweeper[] sweeper = new RetentionSweeper[1];
        Contexts.memoryRunner()
                .withPropertyValues("checkpointkit.retention.enabled=true", "checkpointkit.retention.keep-latest=1")
                .run(context -> sweeper[0] = context.getBean(RetentionSweeper.class));
        assertThatThrownBy(() -> sweeper[0].start(Duration.ofHours(1))).as("a closed sweeper")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void badValuesStopStartUpNamingTheProperty() {
        expectInvalid("checkpointkit.retention.enabled", "checkpointkit.retention.enabled=true");
        expectInvalid("checkpointkit.retention.keep-latest", "checkpointkit.retention.enabled=true",
                "checkpointkit.retention.keep-latest=-1");
        expectInvalid("checkpointkit.retention.page-size", "checkpointkit.retention.enabled=true",
                "checkpointkit.retention.keep-latest=1", "checkpointkit.retention.page-size=0");
        expectInvalid("checkpointkit.retention.interval / checkpointkit.retention.initial-delay",
                "checkpointkit.retention.enabled=true", "checkpointkit.retention.keep-latest=1",
                "checkpointkit.retention.interval=0s");
    }

    private static void expectInvalid(String property, String... properties) {
        Contexts.memoryRunner().withPropertyValues(properties).run(context ->
                assertThat(StoreAutoConfigurationTest.rootCause(context.getStartupFailure(),
                        InvalidCheckpointKitPropertyException.class).property()).isEqualTo(property));
    }
}
