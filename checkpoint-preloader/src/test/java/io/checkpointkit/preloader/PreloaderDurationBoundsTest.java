package io.checkpointkit.preloader;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every preloader duration is at most 365 days, and the message names the setting and the range. */
class PreloaderDurationBoundsTest {

    private static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE);

    @Test
    void everyDurationIsAtMost365Days() {
        PreloaderConfig longest = PreloaderConfig.builder().expireAfterWrite(Duration.ofDays(365))
                .interval(Duration.ofDays(365)).decayPeriod(Duration.ofDays(365)).build();
        assertThat(longest.interval()).isEqualTo(PreloaderConfig.MAXIMUM_DURATION);

        assertThatThrownBy(() -> PreloaderConfig.builder().expireAfterWrite(HUGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("expireAfterWrite must be between 1ms and 365d");
        assertThatThrownBy(() -> PreloaderConfig.builder().interval(Duration.ofDays(366)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must be between 1s and 365d, was 366d");
        assertThatThrownBy(() -> PreloaderConfig.builder().decayPeriod(HUGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("decayPeriod must be between 1ms and 365d");
        assertThatThrownBy(() -> AccessTracker.builder().decayPeriod(HUGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("decayPeriod must be between 1ms and 365d");
    }
}
