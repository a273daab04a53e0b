package io.checkpointkit.cli;

import java.io.PrintWriter;

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
        out.flush();
    }
}
