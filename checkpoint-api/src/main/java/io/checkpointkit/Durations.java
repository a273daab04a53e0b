package io.checkpointkit;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations users write in store URIs and configuration: ISO-8601 ({@code PT2S},
 * {@code P7D}) or a whole number with a unit ({@code 500ms}, {@code 2s}, {@code 5m},
 * {@code 1h}, {@code 7d}).
 */
public final class Durations {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text the text, for example {@code "PT2S"} or {@code "2s"}
     * @param name what the duration is for, used in the exception message
     * @return the duration, zero or positive
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if it is neither form, or negative
     */
    public static Duration parse(String text, String name) {
        Objects.requireNonNull(text, () -> name + " must not be null");
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
            switch (m.group(2)) {
                case "ms": d = Duration.ofMillis(n); break;
                case "s": d = Duration.ofSeconds(n); break;
                case "m": d = Duration.ofMinutes(n); break;
                case "h": d = Duration.ofHours(n); break;
                default: d = Duration.ofDays(n); break;
            }
        } else {
            try {
                d = Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw invalid(text, name);
            }
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was '" + text + "'");
        }
        return d;
    }

    private static IllegalArgumentException invalid(String text, String name) {
        return new IllegalArgumentException(name + " must be an ISO-8601 duration (PT2S) or a number with a"
                + " unit ms, s, m, h or d (2s, 500ms), was '" + text + "'");
    }
}
