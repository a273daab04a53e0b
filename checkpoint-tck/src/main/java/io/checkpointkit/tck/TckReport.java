package io.checkpointkit.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one {@link Tck#run} of the kit: how many tests passed, failed and were
 * skipped, and what went wrong. Immutable; {@link #summary()} reads well on a console.
 */
public final class TckReport {

    /**
     * One test that did not pass.
     *
     * @param test the test's name, {@code Group.rule} (for example
     *     {@code Versions.saveWithStaleVersionIsRejected})
     * @param message why: the failure's message, or the reason it was skipped
     */
    public record Outcome(String test, String message) {
        /** @throws NullPointerException if an argument is null */
        public Outcome {
            Objects.requireNonNull(test, "test must not be null");
            Objects.requireNonNull(message, "message must not be null");
        }
    }

    private final int passed;
    private final List<Outcome> failures;
    private final List<Outcome> skipped;
    private final Duration duration;

    TckReport(int passed, List<Outcome> failures, List<Outcome> skipped, Duration duration) {
        this.passed = passed;
        this.failures = List.copyOf(failures);
        this.skipped = List.copyOf(skipped);
        this.duration = duration;
    }

    /** How many tests passed. */
    public int passed() {
        return passed;
    }

    /** How many tests failed (errors included). */
    public int failed() {
        return failures.size();
    }

    /** How many tests were skipped: optional capabilities the store or its test do not offer. */
    public int skipped() {
        return skipped.size();
    }

    /** True when no test failed (skipped tests are allowed). */
    public boolean successful() {
        return failures.isEmpty();
    }

    /** Every failed test with its message, in the order they ran; unmodifiable. */
    public List<Outcome> failures() {
        return failures;
    }

    /** Every skipped test with the reason; unmodifiable. */
    public List<Outcome> skippedTests() {
        return skipped;
    }

    /** The names of the failed tests ({@code Group.rule}), in the order they ran. */
    public List<String> failedTests() {
        List<String> names = new ArrayList<>(failures.size());
        for (Outcome o : failures) {
            names.add(o.test());
        }
        return names;
    }

    /** How long the run took. */
    public Duration duration() {
        return duration;
    }

    /**
     * A console summary: one line of counts, then one line per failure with the first line of
     * its message, then the skipped tests with their reasons.
     */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append("CheckpointStore TCK: ").append(passed).append(" passed, ").append(failed())
                .append(" failed, ").append(skipped()).append(" skipped in ")
                .append(duration.toMillis()).append(" ms");
        for (Outcome o : failures) {
            s.append(System.lineSeparator()).append("  FAILED  ").append(o.test()).append(": ")
                    .append(firstLine(o.message()));
        }
        for (Outcome o : skipped) {
            s.append(System.lineSeparator()).append("  skipped ").append(o.test()).append(": ")
                    .append(firstLine(o.message()));
        }
        return s.toString();
    }

    private static String firstLine(String message) {
        String trimmed = message.strip();
        int end = trimmed.indexOf('\n');
        String line = end < 0 ? trimmed : trimmed.substring(0, end).strip() + " ...";
        return line.length() > 300 ? line.substring(0, 300) + " ..." : line;
    }

    /** The same as {@link #summary()}. */
    @Override
    public String toString() {
        return summary();
    }
}
