package io.checkpointkit.decorators;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

/** {@code toBuilder()} starts from every setting of a config and leaves the config unchanged. */
class ConfigToBuilderTest {

    @Test
    void autoTrimConfigKeepsEverySettingItDoesNotChange() {
        Executor executor = Runnable::run;
        AutoTrimConfig config = AutoTrimConfig.builder().keepLatest(3).threshold(7).queueCapacity(11)
                .executor(executor).onClose(AutoTrimConfig.OnClose.DROP).closeTimeout(Duration.ofSeconds(2)).build();

        AutoTrimConfig changed = config.toBuilder().threshold(8).build();

        assertThat(changed.threshold()).isEqualTo(8);
        assertThat(changed.keepLatest()).isEqualTo(3);
        assertThat(changed.queueCapacity()).isEqualTo(11);
        assertThat(changed.executor()).containsSame(executor);
        assertThat(changed.onClose()).isEqualTo(AutoTrimConfig.OnClose.DROP);
        assertThat(changed.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.threshold()).isEqualTo(7);
        assertThat(AutoTrimConfig.defaults().toBuilder().build().toString())
                .isEqualTo(AutoTrimConfig.defaults().toString());
    }

    @Test
    void circuitBreakerConfigKeepsEverySettingAndListenerItDoesNotChange() {
        Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
        CircuitBreakerListener first = (from, to, at) -> { };
        CircuitBreakerListener second = (from, to, at) -> { };
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().failureRateThreshold(0.25).slidingWindowSize(8)
                .minimumCalls(4).waitInOpen(Duration.ofSeconds(5)).permittedTrialCalls(2)
                .recordExceptions(IllegalStateException.class).clock(clock).listener(first).build();

        CircuitBreakerConfig changed = config.toBuilder().permittedTrialCalls(1).listener(second).build();

        assertThat(changed.permittedTrialCalls()).isEqualTo(1);
        assertThat(changed.failureRateThreshold()).isEqualTo(0.25);
        assertThat(changed.slidingWindowSize()).isEqualTo(8);
        assertThat(changed.minimumCalls()).isEqualTo(4);
        assertThat(changed.waitInOpen()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.recordExceptions()).containsExactly(IllegalStateException.class);
        assertThat(changed.clock()).isSameAs(clock);
        assertThat(changed.listeners()).containsExactly(first, second);
        assertThat(config.listeners()).isEqualTo(List.of(first));
    }
}
