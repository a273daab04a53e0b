package io.checkpointkit.cli;

import io.checkpointkit.UnreadableExecution;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts what {@code trim} and {@code sweep} removed (or, in a dry run, would remove) and prints
 * the summary: a table of the first executions touched, then one line of totals.
 */
final class Cleanup {

    private final PrintWriter out;
    private final boolean dryRun;
    private final int maxRows;
    private final Table table;
    private long executionsTouched;
    private long checkpointsRemoved;
    private long executionsCleared;
    private final List<String> problems = new ArrayList<>();
    private long unreadable;
    private long failed;
    private boolean stoppedEarly;

    Cleanup(PrintWriter out, boolean dryRun, int maxRows) {
        this.out = out;
        this.dryRun = dryRun;
        this.maxRows = maxRows;
        this.table = new Table(60, "EXECUTION", "ACTION", ">CHECKPOINTS");
    }

    void trimmed(String executionId, long removed) {
        if (removed > 0) {
            record(executionId, "trim", removed);
        }
    }

    void cleared(String executionId, long removed) {
        executionsCleared++;
        record(executionId, "clear (idle)", removed);
    }

    /** The store could not read an execution: it was skipped, and the summary says so. */
    void unreadable(UnreadableExecution execution) {
        unreadable++;
        problem("unreadable execution " + execution.executionId() + " (skipped): " + execution.reason());
    }

    /** Trimming or clearing an execution failed; the others went on. */
    void failed(String executionId, RuntimeException failure) {
        failed++;
        problem("failed on execution " + executionId + ": " + failure.getMessage());
    }

    /** Listing executions failed: the walk stopped there. */
    void stoppedEarly(RuntimeException failure) {
        stoppedEarly = true;
        problem("stopped early: listing executions failed: " + failure.getMessage());
    }

    private void problem(String text) {
        if (problems.size() < maxRows) {
            problems.add(Table.clean(text));
        }
    }

    /**
     * Prints the problems met, if any, to {@code err}, and returns the exit code: {@link
     * ExitCodes#OK} when there were none, {@link ExitCodes#ERROR} when some executions could not
     * be read or failed (the others were done), {@link ExitCodes#UNAVAILABLE} when listing
     * executions failed and the walk stopped early.
     */
    int printProblems(PrintWriter err, String command) {
        if (problems.isEmpty()) {
            return ExitCodes.OK;
        }
        problems.forEach(p -> err.println("checkpointctl " + command + ": " + p));
        long total = unreadable + failed + (stoppedEarly ? 1 : 0);
        if (total > problems.size()) {
            err.println("checkpointctl " + command + ": ... and " + (total - problems.size()) + " more problems");
        }
        err.flush();
        return stoppedEarly ? ExitCodes.UNAVAILABLE : ExitCodes.ERROR;
    }

    private void record(String executionId, String action, long removed) {
        executionsTouched++;
        checkpointsRemoved += removed;
        if (executionsTouched <= maxRows) {
            table.row(executionId, action, removed);
        }
    }

    /**
     * @param visited how many executions were looked at
     * @param rule the rule applied, for example {@code "keep the latest 3 unpinned of each"}
     */
    void printSummary(long visited, String rule) {
        if (!table.isEmpty()) {
            table.print(out);
            if (executionsTouched > maxRows) {
                out.println("... and " + (executionsTouched - maxRows) + " more executions");
            }
        }
        out.println((dryRun ? "would remove " : "removed ") + checkpointsRemoved + " checkpoints from "
                + executionsTouched + " of " + visited + " executions"
                + (executionsCleared > 0 ? " (" + executionsCleared + " idle, " + (dryRun ? "to be cleared)" : "cleared)") : "")
                + ": " + rule + (dryRun ? ". Dry run: nothing was deleted." : "."));
        if (unreadable > 0) {
            out.println(unreadable + (unreadable == 1 ? " execution" : " executions")
                    + " could not be read and " + (unreadable == 1 ? "was" : "were") + " skipped.");
        }
        if (failed > 0) {
            out.println(failed + (failed == 1 ? " execution" : " executions") + " failed.");
        }
        out.flush();
    }
}
