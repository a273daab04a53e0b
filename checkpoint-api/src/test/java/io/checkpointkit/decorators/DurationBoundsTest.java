package io.checkpointkit.decorators;

import io.checkpointkit.retention.RetentionPolicy;
import io.checkpointkit.retention.RetentionSweeper;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every duration a decorator takes is bounded where it is set, naming the setting and the range. */
class DurationBoundsTest {

    private static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE);

    @Test
    void autoTrimCloseTimeoutIsAtMost24Days() {
        assertThat(AutoTrimConfig.builder().closeTimeout(Duration.ofDays(24)).build().closeTimeout())
                .isEqualTo(Duration.ofDays(24));
        assertThatThrownBy(() -> AutoTrimConfig.builder().closeTimeout(Duration.ofDays(25)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("closeTimeout must be between 0ms and 24d, was 25d");
        assertThatThrownBy(() -> AutoTrimConfig.builder().closeTimeout(HUGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeTimeout");
    }

    @Test
    void circuitBreakerWaitInOpenIsAtMost24Days() {
        assertThat(CircuitBreakerConfig.builder().waitInOpen(Duration.ofDays(24)).build().waitInOpen())
                .isEqualTo(Duration.ofDays(24));
        // Accepted before, this made the first failing call throw DateTimeException computing retryAt.
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().waitInOpen(HUGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("waitInOpen must be positive and at most 24d, was ");
    }

    @Test
    void retentionDurationsAreBounded() {
        assertThat(RetentionPolicy.keepAll().clearIdleAfter(RetentionPolicy.MAX_IDLE).maxIdle())
                .contains(Duration.ofDays(36_500));
        assertThatThrownBy(() -> RetentionPolicy.keepAll().clearIdleAfter(HUGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxIdle must be positive and at most 36500d, was ");
        try (RetentionSweeper sweeper = RetentionSweeper.of(new FakeStore(), RetentionPolicy.keepLatest(1))) {
            assertThatThrownBy(() -> sweeper.start(Duration.ofDays(366)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("initialDelay must be between 0ms and 365d, was 366d");
            assertThatThrownBy(() -> sweeper.start(Duration.ZERO, HUGE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("interval must be positive and at most 365d");
        }
    }
}
