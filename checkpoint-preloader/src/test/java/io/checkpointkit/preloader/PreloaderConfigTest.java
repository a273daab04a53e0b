package io.checkpointkit.preloader;

import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreloaderConfigTest {

    @Test
    void defaultsAreThePublishedConstants() {
        PreloaderConfig config = PreloaderConfig.defaults();
        assertThat(config.maximumSize()).isEqualTo(PreloaderConfig.DEFAULT_MAXIMUM_SIZE).isEqualTo(10_000);
        assertThat(config.expireAfterWrite()).isEqualTo(PreloaderConfig.DEFAULT_EXPIRE_AFTER_WRITE);
        assertThat(config.interval()).isEqualTo(PreloaderConfig.DEFAULT_INTERVAL).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.decayFactor()).isEqualTo(0.9);
        assertThat(config.decayPeriod()).isEqualTo(PreloaderConfig.DEFAULT_DECAY_PERIOD).isEqualTo(Duration.ofHours(1));
        assertThat(config.threshold()).isEqualTo(0.5);
        assertThat(config.maxTrackedKeys()).isEqualTo(1_000);
        assertThat(config.maxRelatedKeys()).isEqualTo(5);
        assertThat(config.batchSize()).isEqualTo(PreloaderConfig.DEFAULT_BATCH_SIZE);
        assertThat(config.parallelism()).isEqualTo(PreloaderConfig.DEFAULT_PARALLELISM);
        assertThat(config.scoringFunction()).isEmpty();
        assertThat(config.ticker()).isSameAs(Ticker.systemTicker());
        assertThat(config.executor()).isEmpty();
        assertThat(config.scheduler()).isEmpty();
    }

    @Test
    void builderSetsEveryField() {
        FakeTime time = new FakeTime();
        Executor executor = Runnable::run;
        ScoringFunction scoring = (count, since) -> count;
        PreloaderConfig config = PreloaderConfig.builder().maximumSize(5).expireAfterWrite(Duration.ofSeconds(3))
                .interval(Duration.ofSeconds(1)).decayFactor(0.5).decayPeriod(Duration.ofSeconds(2)).scoringFunction(scoring).threshold(2)
                .maxTrackedKeys(7).batchSize(8).maxRelatedKeys(1).parallelism(2).ticker(time)
                .scheduler(time).executor(executor).build();
        PreloaderConfig copy = config.toBuilder().build();
        for (PreloaderConfig c : new PreloaderConfig[] {config, copy}) {
            assertThat(c.maximumSize()).isEqualTo(5);
            assertThat(c.expireAfterWrite()).isEqualTo(Duration.ofSeconds(3));
            assertThat(c.interval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(c.decayFactor()).isEqualTo(0.5);
            assertThat(c.decayPeriod()).isEqualTo(Duration.ofSeconds(2));
            assertThat(c.scoringFunction()).containsSame(scoring);
            assertThat(c.threshold()).isEqualTo(2);
            assertThat(c.maxTrackedKeys()).isEqualTo(7);
            assertThat(c.batchSize()).isEqualTo(8);
            assertThat(c.maxRelatedKeys()).isEqualTo(1);
            assertThat(c.parallelism()).isEqualTo(2);
            assertThat(c.ticker()).isSameAs(time);
            assertThat(c.scheduler()).containsSame(time);
            assertThat(c.executor()).containsSame(executor);
        }
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> PreloaderConfig.builder().interval(Duration.ofMillis(999)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
        assertThatThrownBy(() -> PreloaderConfig.builder().interval(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("interval");
        assertThatThrownBy(() -> PreloaderConfig.builder().expireAfterWrite(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expireAfterWrite");
        assertThatThrownBy(() -> PreloaderConfig.builder().maximumSize(0)).hasMessageContaining("maximumSize");
        assertThatThrownBy(() -> PreloaderConfig.builder().decayFactor(-0.1)).hasMessageContaining("decayFactor");
        assertThatThrownBy(() -> PreloaderConfig.builder().decayPeriod(Duration.ZERO)).hasMessageContaining("decayPeriod");
        assertThatThrownBy(() -> PreloaderConfig.builder().decayPeriod(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("decayPeriod");
        assertThatThrownBy(() -> PreloaderConfig.builder().threshold(Double.POSITIVE_INFINITY))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> PreloaderConfig.builder().maxTrackedKeys(0)).hasMessageContaining("maxTrackedKeys");
        assertThatThrownBy(() -> PreloaderConfig.builder().batchSize(0)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> PreloaderConfig.builder().maxRelatedKeys(-1)).hasMessageContaining("maxRelatedKeys");
        assertThatThrownBy(() -> PreloaderConfig.builder().parallelism(0)).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> PreloaderConfig.builder().ticker(null)).hasMessageContaining("ticker");
        assertThatThrownBy(() -> PreloaderConfig.builder().executor(null)).hasMessageContaining("executor");
        assertThatThrownBy(() -> PreloaderConfig.builder().scheduler((Scheduler) null)).hasMessageContaining("scheduler");
        assertThatThrownBy(() -> PreloaderConfig.builder().scoringFunction(null)).hasMessageContaining("scoringFunction");
    }
}
