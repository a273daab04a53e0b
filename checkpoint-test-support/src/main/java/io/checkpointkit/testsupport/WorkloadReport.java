package io.checkpointkit.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link FaultWorkload} did and which invariants the store broke.
 *
 * <p>{@link #violations()} is empty when every invariant held: every acknowledged write present
 * with its bytes and version, no stored checkpoint that was never written, no version won by two
 * compare-and-set calls, no id in two executions, no acknowledged delete undone, every failure a
 * {@code CheckpointException}.
 */
public final class WorkloadReport {

    /** The kinds of broken invariant. */
    public enum ViolationKind {
        /** An acknowledged write is missing, or older than acknowledged. */
        LOST_WRITE,
        /** A stored checkpoint (id, version, bytes) that no call ever wrote. */
        PHANTOM,
        /** Two compare-and-set calls with the same expected version both succeeded. */
        TWO_WINNERS,
        /** An id stored (or saved successfully) under a second execution. */
        TWO_EXECUTIONS,
        /** A checkpoint whose delete was acknowledged is back. */
        UNDELETED,
        /** A failure that is not a {@code CheckpointException} (for example an ArithmeticException). */
        UNEXPECTED_EXCEPTION
    }

    /**
     * One broken invariant.
     *
     * @param kind which invariant
     * @param detail what was seen, naming the checkpoint id
     */
    public record Violation(ViolationKind kind, String detail) {
        public Violation {
            Objects.requireNonNull(kind, "kind must not be null");
            Objects.requireNonNull(detail, "detail must not be null");
        }
    }

    private final long operations;
    private final long acknowledgedWrites;
    private final Map<String, Long> failures;
    private final List<Violation> violations;
    private final int checkpointsChecked;

    WorkloadReport(long operations, long acknowledgedWrites, Map<String, Long> failures,
                   List<Violation> violations, int checkpointsChecked) {
        this.operations = operations;
        this.acknowledgedWrites = acknowledgedWrites;
        this.failures = Map.copyOf(failures);
        this.violations = List.copyOf(violations);
        this.checkpointsChecked = checkpointsChecked;
    }

    /** Operations the workload ran (saves, updates, deletes, trims, reads), failed ones included. */
    public long operations() {
        return operations;
    }

    /** Writes (saves, updates, deletes) the store acknowledged. */
    public long acknowledgedWrites() {
        return acknowledgedWrites;
    }

    /** Failed operations by exception class simple name (expected conflicts included). */
    public Map<String, Long> failures() {
        return new TreeMap<>(failures);
    }

    /** Failed operations, all exception classes together. */
    public long failedOperations() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The broken invariants; empty when all held. */
    public List<Violation> violations() {
        return violations;
    }

    /** How many acknowledged writes were missing or older than acknowledged at the end. */
    public long lostAcknowledgedWrites() {
        return violations.stream().filter(v -> v.kind() == ViolationKind.LOST_WRITE).count();
    }

    /** How many checkpoint ids the final check looked at. */
    public int checkpointsChecked() {
        return checkpointsChecked;
    }

    /**
     * @throws AssertionError listing (the first 20) violations if there is any
     */
    public void assertNoViolations() {
        if (!violations.isEmpty()) {
            StringBuilder message = new StringBuilder(violations.size() + " invariant(s) broken: " + this);
            violations.stream().limit(20).forEach(v -> message.append("\n  ").append(v.kind()).append(": ").append(v.detail()));
            throw new AssertionError(message.toString());
        }
    }

    /** One line for a test log or a README: operations, acknowledged writes, failures, violations. */
    @Override
    public String toString() {
        return "WorkloadReport{operations=" + operations + ", acknowledgedWrites=" + acknowledgedWrites
                + ", failed=" + failedOperations() + " " + failures() + ", checked=" + checkpointsChecked
                + ", lostAcknowledged=" + lostAcknowledgedWrites() + ", violations=" + violations.size() + '}';
    }
}
