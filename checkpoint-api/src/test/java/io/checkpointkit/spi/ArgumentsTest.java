package io.checkpointkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Each check returns its value and refuses with a message naming the field, the range and the value. */
class ArgumentsTest {

    @Test
    void countsAndBoundsNameTheFieldTheRangeAndTheValue() {
        assertThat(Arguments.requireNotNegative(0, "keepLatest")).isZero();
        assertThatThrownBy(() -> Arguments.requireNotNegative(-1, "keepLatest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("keepLatest must not be negative, was -1");
        assertThat(Arguments.requireAtLeast(1L, 1L, "maximumSize")).isEqualTo(1L);
        assertThatThrownBy(() -> Arguments.requireAtLeast(0, 1, "threshold"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold must be at least 1, was 0");
        assertThatThrownBy(() -> Arguments.requireBetween(65, 1, 64, "poolSize"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("poolSize must be between 1 and 64, was 65");
        assertThatThrownBy(() -> Arguments.requireArgument(false, "recordExceptions must name at least one type"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("recordExceptions must name at least one type");
    }

    @Test
    void aFractionIsGreaterThanZeroAndAtMostOne() {
        assertThat(Arguments.requireFraction(1.0, "decayFactor")).isEqualTo(1.0);
        assertThat(Arguments.requireFraction(Double.MIN_VALUE, "decayFactor")).isEqualTo(Double.MIN_VALUE);
        for (double refused : new double[] {0.0, -0.1, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Arguments.requireFraction(refused, "decayFactor"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("decayFactor must be greater than 0 and at most 1, was " + refused);
        }
    }

    @Test
    void aFiniteNotNegativeNumberRefusesNanAndInfinity() {
        assertThat(Arguments.requireFiniteNotNegative(0.0, "threshold")).isZero();
        for (double refused : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Arguments.requireFiniteNotNegative(refused, "threshold"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("threshold must be a finite number, 0 or more, was " + refused);
        }
    }

    @Test
    void comparableRangesAreClosedAndRefuseNull() {
        Instant min = Instant.parse("2000-01-01T00:00:00Z");
        Instant max = Instant.parse("2001-01-01T00:00:00Z");
        assertThat(Arguments.requireBetween(min, min, max, "timestamp")).isEqualTo(min);
        assertThat(Arguments.requireBetween(max, min, max, "timestamp")).isEqualTo(max);
        assertThatThrownBy(() -> Arguments.requireBetween(max.plusNanos(1000), min, max, "timestamp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timestamp must be between " + min + " and " + max + ", was 2001-01-01T00:00:00.000001Z");
        assertThatThrownBy(() -> Arguments.requireBetween((Instant) null, min, max, "timestamp"))
                .isInstanceOf(NullPointerException.class).hasMessage("timestamp must not be null");
    }
}
