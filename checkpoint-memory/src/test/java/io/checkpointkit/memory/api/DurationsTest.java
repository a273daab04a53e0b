package io.checkpointkit.memory.api;

import io.checkpointkit.Durations;
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
