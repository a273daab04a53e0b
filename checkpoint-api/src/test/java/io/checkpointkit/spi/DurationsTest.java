package io.checkpointkit.spi;

import io.checkpointkit.spi.Durations;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Durations} (checkpoint-api). */
class DurationsTest {

    @Test
    void parsesIsoAndNumberWithUnit() {
        assertThat(Durations.parse("PT2S", "timeout")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("P7D", "ttl")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("500ms", "timeout")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2s", "timeout")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse(" 5m ", "timeout")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1H", "timeout")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("7d", "ttl")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("0s", "ttl")).isZero();
    }

    @Test
    void rejectsDurationsLongerThanTheMaximumNamingTheOptionAndTheRange() {
        for (String tooLong : new String[] {"9223372036854775807d", "9223372036854775807h", "1000000000d",
                "106752d", "P106752D", "P9223372036854775807D", "PT9223372036854775807S"}) {
            assertThatThrownBy(() -> Durations.parse(tooLong, "option timeout"))
                    .as(tooLong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("option timeout must be at most 106751d");
        }
        assertThat(Durations.parse("106751d", "ttl")).isEqualTo(Durations.MAX);
        assertThat(Durations.MAX.toNanos()).isPositive();
    }

    @Test
    void aDurationLongerThanItsOptionsMaximumIsReportedWithThatMaximum() {
        assertThatThrownBy(() -> Durations.parse("1000000d", "option timeout", Durations.MAX_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option timeout must be at most 24d, was '1000000d'");
        assertThatThrownBy(() -> Durations.parse("9223372036854775807d", "option timeout", Durations.MAX_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option timeout must be at most 24d");
        assertThat(Durations.parse("24d", "option timeout", Durations.MAX_TIMEOUT)).isEqualTo(Durations.MAX_TIMEOUT);
    }

    @Test
    void requireBetweenNamesTheSettingAndTheRange() {
        assertThat(Durations.requireBetween(Duration.ofDays(24), Duration.ZERO, Durations.MAX_TIMEOUT, "timeout"))
                .isEqualTo(Duration.ofDays(24));
        assertThatThrownBy(() -> Durations.requireBetween(Duration.ofDays(25), Duration.ofMillis(1),
                Durations.MAX_TIMEOUT, "timeout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be between 1ms and 24d, was 25d");
        assertThatThrownBy(() -> Durations.requireBetween(Duration.ofMillis(100), Duration.ofMillis(250),
                Durations.MAX_TIMEOUT, "connectTimeout"))
                .hasMessage("connectTimeout must be between 250ms and 24d, was 100ms");
        assertThatThrownBy(() -> Durations.requirePositive(Duration.ZERO, Duration.ofHours(1), "waitInOpen"))
                .hasMessage("waitInOpen must be positive and at most 1h, was 0ms");
        assertThatThrownBy(() -> Durations.requireBetween(null, Duration.ZERO, Duration.ofHours(1), "ttl"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("ttl");
        assertThat(Durations.MAX_TIMEOUT.toMillis()).isLessThan(Integer.MAX_VALUE);
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void rejectsOtherTextNamingWhatItIsFor() {
        for (String bad : new String[] {"", "2", "2 weeks", "-2s", "1.5s", "PTXS", "99999999999999999999s"}) {
            assertThatThrownBy(() -> Durations.parse(bad, "option timeout"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("option timeout");
        }
        assertThatThrownBy(() -> Durations.parse("PT-2S", "ttl"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> Durations.parse(null, "ttl"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("ttl");
    }
}
