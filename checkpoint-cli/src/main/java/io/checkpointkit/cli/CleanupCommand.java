package io.checkpointkit.cli;

import io.checkpointkit.CheckpointStore;
import io.checkpointkit.retention.RetentionPolicy;
import picocli.CommandLine.Option;

/**
 * What {@code trim} and {@code sweep} share: {@code --dry-run}, and a run of the
 * {@link io.checkpointkit.retention.RetentionSweeper} over every execution with a progress bar,
 * the per-execution report and the exit code that says what went wrong.
 */
abstract class CleanupCommand extends BaseCommand {

    /** How many executions the report lists before it only counts. */
    static final int REPORTED_ROWS = 20;

    @Option(names = "--dry-run", description = "Say what would be deleted; delete nothing.")
    boolean dryRun;

    /** An empty report for this run. */
    Cleanup newCleanup() {
        return new Cleanup(out(), dryRun, REPORTED_ROWS);
    }

    /**
     * Applies {@code policy} to every execution of {@code store} through the sweeper, prints the
     * report and returns the exit code ({@link Cleanup#printProblems}).
     *
     * @param command the command's name, for the progress bar and the problem lines
     * @param rule the rule applied, for the summary line
     */
    int sweepEveryExecution(CheckpointStore store, RetentionPolicy policy, Cleanup cleanup, String command,
            String rule) {
        long total = Walk.countExecutions(store);
        try (Progress progress = ctl.progress(err(), dryRun ? command + " (dry run)" : command, total)) {
            SweepReport.sweep(store, policy, ctl.clock(), dryRun, cleanup, progress);
        }
        cleanup.printSummary(total, rule);
        return cleanup.printProblems(err(), command);
    }
}
