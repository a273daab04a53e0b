package io.checkpointkit.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations users write in store URIs and configuration: ISO-8601 ({@code PT2S},
 * {@code P7D}) or a whole number with a unit ({@code 500ms}, {@code 2s}, {@code 5m},
 * {@code 1h}, {@code 7d}), and bounds the durations a store or decorator is given.
 *
 * <p>Every duration this library parses is at most {@link #MAX} (so converting it to
 * nanoseconds never overflows), and every setter that takes a duration checks it against its own
 * range with {@link #requireBetween} before anything is allocated. {@link #MAX_TIMEOUT} is the
 * upper bound of every timeout the backends pass to a driver.
 */
public final class Durations {

    /**
     * The longest duration {@link #parse} accepts: 106751 days (about 292 years), the most whole
     * days that still fit in a {@code long} of nanoseconds.
     */
    public static final Duration MAX = Duration.ofDays(106_751);

    /**
     * The longest timeout a backend accepts: 24 days, the most whole days below
     * {@code Integer.MAX_VALUE} milliseconds (about 24.8 days), which is what the drivers take
     * (PostgreSQL's {@code statement_timeout} and socket timeout, SQLite's {@code busy_timeout},
     * Netty's connect timeout are {@code int} milliseconds).
     */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(24);

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text the text, for example {@code "PT2S"} or {@code "2s"}
     * @param name what the duration is for, used in the exception message
     * @return the duration, from zero to {@link #MAX}
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException naming {@code name} if it is neither form, negative or
     *     longer than {@link #MAX}
     */
    public static Duration parse(String text, String name) {
        return parse(text, name, MAX);
    }

    /**
     * Parses a duration that may be at most {@code max}, so that a value too long for its option
     * is reported with the option's own limit rather than {@link #MAX}.
     *
     * @param text the text, for example {@code "PT2S"} or {@code "2s"}
     * @param name what the duration is for, used in the exception message
     * @param max the longest allowed, at most {@link #MAX}
     * @return the duration, from zero to {@code max}
     * @throws NullPointerException if {@code text} or {@code max} is null
     * @throws IllegalArgumentException naming {@code name} if it is neither form, negative or
     *     longer than {@code max}
     */
    public static Duration parse(String text, String name, Duration max) {
        Objects.requireNonNull(text, () -> name + " must not be null");
        Objects.requireNonNull(max, "max must not be null");
        String t = text.trim();
        Duration d;
        Matcher m = WITH_UNIT.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw invalid(text, name);
            }
            try {
                switch (m.group(2)) {
                    case "ms": d = Duration.ofMillis(n); break;
                    case "s": d = Duration.ofSeconds(n); break;
                    case "m": d = Duration.ofMinutes(n); break;
                    case "h": d = Duration.ofHours(n); break;
                    default: d = Duration.ofDays(n); break;
                }
            } catch (ArithmeticException e) {
                throw tooLong(text, name, max);
            }
        } else {
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw e.getCause() instanceof ArithmeticException ? tooLong(text, name, max) : invalid(text, name);
            }
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was '" + text + "'");
        }
        if (d.compareTo(max) > 0) {
            throw tooLong(text, name, max);
        }
        return d;
    }

    /**
     * Checks that a duration lies in {@code [min, max]}; for the setters of builders.
     *
     * @param value the duration
     * @param min the shortest allowed
     * @param max the longest allowed
     * @param name what the duration is for (an option or setter name), used in the messages
     * @return {@code value}
     * @throws NullPointerException naming {@code name} if {@code value} is null
     * @throws IllegalArgumentException naming {@code name} and the range if it lies outside it
     */
    public static Duration requireBetween(Duration value, Duration min, Duration max, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + format(min) + " and " + format(max)
                    + ", was " + format(value));
        }
        return value;
    }

    /**
     * Checks that a duration is positive and at most {@code max}; for the setters of builders.
     *
     * @param value the duration
     * @param max the longest allowed
     * @param name what the duration is for (an option or setter name), used in the messages
     * @return {@code value}
     * @throws NullPointerException naming {@code name} if {@code value} is null
     * @throws IllegalArgumentException naming {@code name} and the range if it is zero, negative
     *     or longer than {@code max}
     */
    public static Duration requirePositive(Duration value, Duration max, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be positive and at most " + format(max)
                    + ", was " + format(value));
        }
        return value;
    }

    /**
     * Writes a duration the way users write it: {@code 24d}, {@code 5s}, {@code 250ms}; ISO-8601
     * ({@code PT1.5S}) when no whole unit fits.
     *
     * @param value the duration
     * @return the text
     */
    public static String format(Duration value) {
        if (value.isZero()) {
            return "0ms";
        }
        if (value.isNegative() || value.getNano() % 1_000_000 != 0) {
            return value.toString();
        }
        long seconds = value.getSeconds();
        if (value.getNano() != 0) {
            return value.toMillis() + "ms";
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static IllegalArgumentException tooLong(String text, String name, Duration max) {
        String limit = max.equals(MAX) ? format(MAX) + " (about 292 years)" : format(max);
        return new IllegalArgumentException(name + " must be at most " + limit + ", was '" + text + "'");
    }

    private static IllegalArgumentException invalid(String text, String name) {
        return new IllegalArgumentException(name + " must be an ISO-8601 duration (PT2S) or a number with a"
                + " unit ms, s, m, h or d (2s, 500ms), was '" + text + "'");
    }
}
