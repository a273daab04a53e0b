package io.checkpointkit.spi;

import java.util.Objects;

/**
 * The argument checks of every builder, config and store in CheckpointKit, in one place, so
 * that each rule reads the same everywhere: the message names the field and the allowed range
 * and gives the value that was refused (for example {@code "keepLatest must not be negative,
 * was -1"}). Each check returns its value, so a setter can assign and check in one line.
 * Durations are checked by {@link Durations}, ids by {@link Ids}.
 *
 * <p>For backend and decorator authors; application code does not need it.
 */
public final class Arguments {

    private Arguments() {
    }

    /**
     * Checks a condition on an argument.
     *
     * @param condition what must hold
     * @param message the whole message of the exception when it does not
     * @throws IllegalArgumentException with {@code message} if {@code condition} is false
     */
    public static void requireArgument(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Checks that a count or size is zero or more.
     *
     * @return {@code value}
     * @throws IllegalArgumentException "{@code name} must not be negative, was {@code value}"
     */
    public static int requireNotNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * Checks that a number is zero or more.
     *
     * @return {@code value}
     * @throws IllegalArgumentException "{@code name} must not be negative, was {@code value}"
     */
    public static long requireNotNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * Checks a lower bound, inclusive.
     *
     * @return {@code value}
     * @throws IllegalArgumentException "{@code name} must be at least {@code minimum}, was {@code value}"
     */
    public static int requireAtLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    /**
     * Checks a lower bound, inclusive.
     *
     * @return {@code value}
     * @throws IllegalArgumentException "{@code name} must be at least {@code minimum}, was {@code value}"
     */
    public static long requireAtLeast(long value, long minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    /**
     * Checks a closed range.
     *
     * @return {@code value}
     * @throws IllegalArgumentException "{@code name} must be between {@code minimum} and
     *     {@code maximum}, was {@code value}"
     */
    public static int requireBetween(int value, int minimum, int maximum, String name) {
        if (value < minimum || value > maximum) {
            throw new IllegalArgumentException(
                    name + " must be between " + minimum + " and " + maximum + ", was " + value);
        }
        return value;
    }

    /**
     * Checks a closed range of a real number; NaN is outside every range.
     *
     * @return {@code value}
     * @throws IllegalArgumentException "{@code name} must be between {@code minimum} and
     *     {@code maximum}, was {@code value}"
     */
    public static double requireBetween(double value, double minimum, double maximum, String name) {
        if (!(value >= minimum && value <= maximum)) {
            throw new IllegalArgumentException(
                    name + " must be between " + minimum + " and " + maximum + ", was " + value);
        }
        return value;
    }

    /**
     * Checks that a real number is a fraction of a whole, greater than 0 and at most 1 (a rate,
     * a decay factor); NaN is not.
     *
     * @return {@code value}
     * @throws IllegalArgumentException "{@code name} must be greater than 0 and at most 1, was
     *     {@code value}"
     */
    public static double requireFraction(double value, String name) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be greater than 0 and at most 1, was " + value);
        }
        return value;
    }

    /**
     * Checks that a real number is finite and zero or more; NaN is not.
     *
     * @return {@code value}
     * @throws IllegalArgumentException "{@code name} must be a finite number, 0 or more, was
     *     {@code value}"
     */
    public static double requireFiniteNotNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, 0 or more, was " + value);
        }
        return value;
    }

    /**
     * Checks a closed range of comparable values (instants, for example); durations have
     * {@link Durations#requireBetween}, which writes them the way users do.
     *
     * @return {@code value}
     * @throws NullPointerException "{@code name} must not be null" if {@code value} is null
     * @throws IllegalArgumentException "{@code name} must be between {@code minimum} and
     *     {@code maximum}, was {@code value}"
     */
    public static <T extends Comparable<? super T>> T requireBetween(T value, T minimum, T maximum, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.compareTo(minimum) < 0 || value.compareTo(maximum) > 0) {
            throw new IllegalArgumentException(
                    name + " must be between " + minimum + " and " + maximum + ", was " + value);
        }
        return value;
    }
}
