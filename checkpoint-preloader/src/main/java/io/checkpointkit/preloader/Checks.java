package io.checkpointkit.preloader;

import io.checkpointkit.spi.Durations;

import java.time.Duration;

/** Argument checks shared by the configs; each message names the field. */
final class Checks {

    private Checks() {
    }

    static double requireDecayFactor(double value, String field) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be greater than 0 and at most 1, was " + value);
        }
        return value;
    }

    static double requireNotNegative(double value, String field) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, 0 or more, was " + value);
        }
        return value;
    }

    static long requireAtLeast(long value, long minimum, String field) {
        if (value < minimum) {
            throw new IllegalArgumentException(field + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    static int requireAtLeast(int value, int minimum, String field) {
        if (value < minimum) {
            throw new IllegalArgumentException(field + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    /** Also bounds every preloader duration by {@link PreloaderConfig#MAXIMUM_DURATION}. */
    static Duration requireAtLeast(Duration value, Duration minimum, String field) {
        return Durations.requireBetween(value, minimum, PreloaderConfig.MAXIMUM_DURATION, field);
    }
}
