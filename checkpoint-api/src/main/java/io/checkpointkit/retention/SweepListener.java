package io.checkpointkit.retention;

import io.checkpointkit.ExecutionInfo;
import io.checkpointkit.UnreadableExecution;

/**
 * Told what a {@link RetentionSweeper} does to each execution, as it goes, on the sweeping
 * thread: for reports (the CLI's {@code sweep} and {@code trim --all} print them), progress and
 * audits. Every method has an empty default. A listener that throws is logged and the sweep goes
 * on.
 */
public interface SweepListener {

    /** A listener that does nothing. */
    SweepListener NONE = new SweepListener() { };

    /**
     * An idle execution was cleared (in a dry run: would be cleared).
     *
     * @param execution the execution as the page listed it
     * @param removed how many checkpoints went (in a dry run: its count on the page)
     */
    default void cleared(ExecutionInfo execution, long removed) {
    }

    /**
     * An execution was trimmed (in a dry run: would be), removing at least one checkpoint.
     *
     * @param execution the execution as the page listed it
     * @param removed how many checkpoints went
     */
    default void trimmed(ExecutionInfo execution, long removed) {
    }

    /**
     * The sweep is done with an execution, whatever it did to it (also after a failure).
     *
     * @param execution the execution as the page listed it
     */
    default void visited(ExecutionInfo execution) {
    }

    /**
     * The store could not read an execution; the sweep goes on past it.
     *
     * @param execution the execution and why
     */
    default void unreadable(UnreadableExecution execution) {
    }

    /**
     * Trimming or clearing an execution threw; the sweep goes on with the next.
     *
     * @param execution the execution as the page listed it
     * @param failure what was thrown
     */
    default void failed(ExecutionInfo execution, RuntimeException failure) {
    }

    /**
     * Listing a page of executions threw: the sweep stops there, incomplete.
     *
     * @param afterExecutionId the cursor of the page that failed; null for the first page
     * @param failure what was thrown
     */
    default void listingFailed(String afterExecutionId, RuntimeException failure) {
    }
}
