package io.checkpointkit.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** Collects the outcome of a launcher run into a {@link TckReport}. */
final class ReportingListener implements TestExecutionListener {

    private final List<TckReport.Outcome> failures = new ArrayList<>();
    private final List<TckReport.Outcome> skipped = new ArrayList<>();
    private TestPlan plan;
    private int passed;
    private long startNanos;
    private long endNanos;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        startNanos = System.nanoTime();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        endNanos = System.nanoTime();
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        if (identifier.isTest()) {
            skipped.add(new TckReport.Outcome(name(identifier), reason));
            return;
        }
        for (TestIdentifier descendant : plan.getDescendants(identifier)) {
            if (descendant.isTest()) {
                skipped.add(new TckReport.Outcome(name(descendant), reason));
            }
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL:
                if (identifier.isTest()) {
                    passed++;
                }
                break;
            case ABORTED:
                skipped.add(new TckReport.Outcome(name(identifier), reason(result)));
                break;
            default:
                failures.add(new TckReport.Outcome(name(identifier), message(result)));
                break;
        }
    }

    synchronized TckReport report() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        return new TckReport(passed, failures, skipped, Duration.ofNanos(end - startNanos));
    }

    /** {@code Group.rule} for a test; the display name for a container. */
    private String name(TestIdentifier identifier) {
        if (identifier.isTest() && identifier.getSource().orElse(null) instanceof MethodSource) {
            MethodSource source = (MethodSource) identifier.getSource().get();
            String group = plan.getParent(identifier).map(TestIdentifier::getDisplayName).orElse("");
            return group.isEmpty() ? source.getMethodName() : group + "." + source.getMethodName();
        }
        return identifier.getDisplayName();
    }

    /** Why a test was skipped: the assumption's message, without the exception's name. */
    private static String reason(TestExecutionResult result) {
        String message = result.getThrowable().map(Throwable::getMessage).orElse(null);
        if (message == null || message.isBlank()) {
            return message(result);
        }
        return message.strip().replaceFirst("^Assumption failed: ", "");
    }

    private static String message(TestExecutionResult result) {
        Throwable t = result.getThrowable().orElse(null);
        if (t == null) {
            return result.getStatus().toString();
        }
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        if (t instanceof AssertionError && !message.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? t.getClass().getName() : t.getClass().getName() + ": " + message;
    }
}
